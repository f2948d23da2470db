import Foundation
import HESPABR
import HESPCore
import HESPProtocols
import HESPTraces

/// Everything one study run needs, loaded and validated: the content each protocol replays (and
/// where its sizes come from), the traces, the protocols, the ABRs, the session options and
/// the timelines switch.
public struct StudyPlan: Sendable {
  /// One protocol's content and a sentence saying which packaged sizes it is.
  public struct Sizes: Sendable {
    public var content: ProtocolContent
    public var source: String
  }

  public var title: String
  public var sizesByProtocol: [StreamingProtocol: Sizes]
  public var traces: [NamedTrace]
  public var protocols: [StreamingProtocol]
  public var abrs: [StudyABR]
  public var options: ProtocolOptions
  /// Write `timelines/*.svg`, one per session.
  public var writeTimelines: Bool
  /// The confidence intervals' bootstrap (seed and resample count are written in summary.json).
  public var bootstrap = ClusterBootstrap()

  /// Validates the options against the content and every trace against the frame interval.
  /// - Throws: `ProtocolInputError` naming the option, package or trace.
  public init(
    title: String, packages: StudyPackages, traces: [NamedTrace], protocols: [StreamingProtocol], abrs: [StudyABR],
    options: ProtocolOptions, writeTimelines: Bool = false
  ) throws(ProtocolInputError) {
    guard !traces.isEmpty else { throw ProtocolInputError("--trace: no trace given") }
    let sizes = try Self.sizes(packages: packages, protocols: protocols, options: options)
    for value in sizes.values { try options.validate(frameMs: value.content.frameMs) }
    for abr in abrs {
      for proto in protocols {
        if let problem = sizes[proto].flatMap({ abr.problem(qualityCount: $0.content.trackCount) }) {
          throw ProtocolInputError("--abr \(problem)")
        }
      }
    }
    if let content = sizes.values.first?.content {
      for trace in traces { try ProtocolSimulation.validate(trace: trace.trace, name: trace.path, content: content) }
    }
    self.title = title
    sizesByProtocol = sizes
    self.traces = traces
    self.protocols = protocols
    self.abrs = abrs
    self.options = options
    self.writeTimelines = writeTimelines
  }

  /// Number of sessions: traces x protocols x ABRs.
  public var sessionCount: Int { traces.count * protocols.count * abrs.count }

  /// `18 sessions (3 traces x 3 protocols x 2 ABRs)`.
  public var sessionSummary: String {
    func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
    return "\(count(sessionCount, "session")) (\(count(traces.count, "trace")) x "
      + "\(count(protocols.count, "protocol")) x \(count(abrs.count, "ABR")))"
  }

  /// One line per protocol: `hesp sizes: HESP package ...`.
  public var sizeNotes: [String] {
    protocols.compactMap { proto in sizesByProtocol[proto].map { "\(proto.rawValue) sizes: \($0.source)" } }
  }

  /// One-line description of a package for the report.
  static func describe(_ index: FrameIndex, name: String, role: String) -> String {
    let gopSeconds = Double(index.gopFrames) / index.framesPerSecond
    let segmentSeconds = Double(index.segmentDurationFrames) / index.framesPerSecond
    let rungs = index.tracks.map { "\($0.id)@\($0.targetBitsPerSecond / 1000)k" }.joined(separator: ",")
    return "\(role) package \(name): \(rungs), \(index.frameCount) frames at "
      + "\(StudyFormat.number(index.framesPerSecond, decimals: 3)) fps, GOP \(StudyFormat.number(gopSeconds, decimals: 2)) s, "
      + "segments \(StudyFormat.number(segmentSeconds, decimals: 2)) s"
  }

  /// Builds the per-protocol sizes: `hesp` from the HESP package; `dash`/`ll-hls` from the
  /// baseline package when there is one, else from the HESP continuation (said so).
  static func sizes(
    packages: StudyPackages, protocols: [StreamingProtocol], options: ProtocolOptions
  ) throws(ProtocolInputError) -> [StreamingProtocol: Sizes] {
    let hespIndex = packages.hesp.index
    let hesp = try ProtocolContent(index: hespIndex, durationMs: options.contentDurationMs)
    var result: [StreamingProtocol: Sizes] = [:]
    let hespSource = describe(hespIndex, name: packages.hesp.name, role: "HESP") + " (continuation + init packets)"
    var baseline: Sizes
    if let base = packages.baseline {
      let baselineIndex = base.index
      guard baselineIndex.frameDurationTicks * hespIndex.timescale == hespIndex.frameDurationTicks * baselineIndex.timescale
      else { throw ProtocolInputError("\(base.name): frame rate differs from the HESP package's") }
      baseline = Sizes(
        content: try ProtocolContent(index: baselineIndex, durationMs: options.contentDurationMs),
        source: describe(baselineIndex, name: base.name, role: "baseline") + " (its own sizes)")
    } else {
      baseline = Sizes(
        content: hesp,
        source: "no baseline package: the HESP continuation sizes, switching only at its keyframes ("
          + describe(hespIndex, name: packages.hesp.name, role: "HESP") + ")")
    }
    for proto in protocols {
      result[proto] = proto == .hesp ? Sizes(content: hesp, source: hespSource) : baseline
    }
    return result
  }
}
