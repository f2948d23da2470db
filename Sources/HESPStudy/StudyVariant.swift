import Foundation
import HESPABR
import HESPCore
import HESPProtocols

/// One point of a sweep: a HESP package (and its baseline) and, optionally, a latency that
/// replaces every trace's own (`--rtt-ms`). A study crosses its variants with traces, protocols
/// and ABRs; every output row names its variant.
public struct StudyVariant: Sendable {
  /// One protocol's content and a sentence saying which packaged sizes it is.
  public struct Sizes: Sendable {
    public var content: ProtocolContent
    public var source: String
  }

  /// `pkg`, `pkg rtt=100ms`: the package name and the override, if any.
  public var name: String
  /// The HESP package's name (`StudyPackage.name`), without the variant's settings.
  public var packageName: String
  public var sizesByProtocol: [StreamingProtocol: Sizes]
  /// Replaces the latency of every trace period (ms); nil keeps the traces' own.
  public var rttMs: Double?
  /// Swept settings (`gamma-p=5`), in `--vary` order.
  public var settings: [String]
  /// The session options of this variant (the study's, with its swept settings).
  public var options: ProtocolOptions
  /// The ABR options of this variant.
  public var abrOptions: ABROptions
  /// Identity of the packages' frame indexes (for shards of one study: same bytes, same study).
  public var packageFingerprint: String

  /// Builds the per-protocol sizes: `hesp` from the HESP package; the segment protocols from the
  /// baseline package when there is one, else from the HESP continuation (said so).
  init(
    packages: StudyPackages, rttMs: Double?, settings: [(StudyVariation, Double)],
    protocols: [StreamingProtocol],
    options study: ProtocolOptions
  ) throws(ProtocolInputError) {
    var options = study
    var abrOptions = ABROptions()
    for (variation, value) in settings {
      try variation.validate(value)
      variation.apply(value, to: &options, abr: &abrOptions)
    }
    self.options = options
    self.abrOptions = abrOptions
    self.settings = settings.map { $0.0.label($0.1) }
    let hespIndex = packages.hesp.index
    let hesp = try ProtocolContent(
      index: hespIndex, durationMs: options.contentDurationMs, includingAudio: !options.videoOnly)
    let hespSource =
      Self.describe(hespIndex, name: packages.hesp.name, role: "HESP")
      + " (continuation + init packets)" + Self.videoOnlyNote(hespIndex, options: options)
    var baseline: Sizes
    if let base = packages.baseline {
      let baselineIndex = base.index
      guard
        baselineIndex.frameDurationTicks * hespIndex.timescale == hespIndex.frameDurationTicks
          * baselineIndex.timescale
      else { throw ProtocolInputError("\(base.name): frame rate differs from the HESP package's") }
      baseline = Sizes(
        content: try ProtocolContent(
          index: baselineIndex, durationMs: options.contentDurationMs,
          includingAudio: !options.videoOnly),
        source: Self.describe(baselineIndex, name: base.name, role: "baseline") + " (its own sizes)"
          + Self.videoOnlyNote(baselineIndex, options: options)
      )
    } else {
      baseline = Sizes(
        content: hesp,
        source:
          "no baseline package: the HESP continuation sizes, switching only at its keyframes ("
          + Self.describe(hespIndex, name: packages.hesp.name, role: "HESP") + ")")
    }
    var sizes: [StreamingProtocol: Sizes] = [:]
    for proto in protocols {
      sizes[proto] = proto == .hesp ? Sizes(content: hesp, source: hespSource) : baseline
    }
    sizesByProtocol = sizes
    self.rttMs = rttMs
    packageName = packages.hesp.name
    name =
      ([packages.hesp.name] + (rttMs.map { ["rtt=\(StudyFormat.number($0, decimals: 0))ms"] } ?? [])
      + self.settings)
      .joined(separator: " ")
    packageFingerprint =
      Fingerprint.of(packages.hesp.index)
      + (packages.baseline.map { "+" + Fingerprint.of($0.index) } ?? "")
  }

  /// Said of a package with audio when the player fetches the video only.
  static func videoOnlyNote(_ index: FrameIndex, options: ProtocolOptions) -> String {
    options.videoOnly && index.audio != nil ? ", video only (audio not fetched)" : ""
  }

  /// One-line description of a package for the report.
  static func describe(_ index: FrameIndex, name: String, role: String) -> String {
    let gopSeconds = Double(index.gopFrames) / index.framesPerSecond
    let segmentSeconds = Double(index.segmentDurationFrames) / index.framesPerSecond
    let rungs = index.tracks.map { "\($0.id)@\($0.targetBitsPerSecond / 1000)k" }.joined(
      separator: ",")
    return "\(role) package \(name): \(rungs), \(index.frameCount) frames at "
      + "\(StudyFormat.number(index.framesPerSecond, decimals: 3)) fps, GOP \(StudyFormat.number(gopSeconds, decimals: 2)) s, "
      + "segments \(StudyFormat.number(segmentSeconds, decimals: 2)) s"
  }
}

extension StudyVariant {
  /// The sizes one protocol replays from `packages`, exactly as a study chooses them (`hesp`
  /// the HESP package, the others the baseline or the HESP continuation), for a player that
  /// runs the same session over HTTP (`hesp play`).
  /// - Throws: `ProtocolInputError` for inconsistent packages or options.
  public static func sizes(
    packages: StudyPackages, streamingProtocol: StreamingProtocol, options: ProtocolOptions
  ) throws(ProtocolInputError) -> Sizes {
    let variant = try StudyVariant(
      packages: packages, rttMs: nil, settings: [], protocols: [streamingProtocol], options: options
    )
    guard let sizes = variant.sizesByProtocol[streamingProtocol] else {
      throw ProtocolInputError("\(streamingProtocol.rawValue): no sizes")
    }
    return sizes
  }
}
