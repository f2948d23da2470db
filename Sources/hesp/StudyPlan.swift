import Foundation
import HESPCore
import HESPProtocols
import HESPTraces

/// Everything one study run needs, loaded and validated: the content each protocol replays (and
/// where its sizes come from), the traces, the protocols, the ABRs and the session options.
struct StudyPlan: Sendable {
  /// One protocol's content and a sentence saying which packaged sizes it is.
  struct Sizes: Sendable {
    var content: ProtocolContent
    var source: String
  }

  var title: String
  var sizesByProtocol: [StreamingProtocol: Sizes]
  var traces: [NamedTrace]
  var protocols: [StreamingProtocol]
  var abrs: [StudyABR]
  var options: ProtocolOptions
  var outputPath: String
  var force: Bool
  var writeTimelines: Bool

  /// One-line description of a package for the report.
  static func describe(_ index: FrameIndex, path: String, role: String) -> String {
    let gopSeconds = Double(index.gopFrames) / index.framesPerSecond
    let segmentSeconds = Double(index.segmentDurationFrames) / index.framesPerSecond
    let rungs = index.tracks.map { "\($0.id)@\($0.targetBitsPerSecond / 1000)k" }.joined(separator: ",")
    return "\(role) package \(path): \(rungs), \(index.frameCount) frames at "
      + "\(StudyFormat.number(index.framesPerSecond, decimals: 3)) fps, GOP \(StudyFormat.number(gopSeconds, decimals: 2)) s, "
      + "segments \(StudyFormat.number(segmentSeconds, decimals: 2)) s"
  }

  /// Builds the per-protocol sizes: `hesp` from the HESP package; `dash`/`ll-hls` from the
  /// baseline package when there is one, else from the HESP continuation (said so).
  static func sizes(
    hespIndex: FrameIndex, hespPath: String, baselineIndex: FrameIndex?, baselinePath: String?,
    protocols: [StreamingProtocol], options: ProtocolOptions
  ) throws -> [StreamingProtocol: Sizes] {
    let hesp = try ProtocolContent(index: hespIndex, durationMs: options.contentDurationMs)
    var result: [StreamingProtocol: Sizes] = [:]
    let hespSource = describe(hespIndex, path: hespPath, role: "HESP") + " (continuation + init packets)"
    var baseline: Sizes
    if let baselineIndex, let baselinePath {
      guard baselineIndex.frameDurationTicks * hespIndex.timescale == hespIndex.frameDurationTicks * baselineIndex.timescale
      else { throw ProtocolInputError("\(baselinePath): frame rate differs from the HESP package's") }
      baseline = Sizes(
        content: try ProtocolContent(index: baselineIndex, durationMs: options.contentDurationMs),
        source: describe(baselineIndex, path: baselinePath, role: "baseline") + " (its own sizes)")
    } else {
      baseline = Sizes(
        content: hesp,
        source: "no baseline package: the HESP continuation sizes, switching only at its keyframes ("
          + describe(hespIndex, path: hespPath, role: "HESP") + ")")
    }
    for proto in protocols {
      result[proto] = proto == .hesp ? Sizes(content: hesp, source: hespSource) : baseline
    }
    return result
  }
}

/// Fixed-format numbers for tables and CSV (no locale, no exponent).
enum StudyFormat {
  static func number(_ value: Double?, decimals: Int) -> String {
    guard let value, value.isFinite else { return "-" }
    return String(format: "%.\(decimals)f", value)
  }
}
