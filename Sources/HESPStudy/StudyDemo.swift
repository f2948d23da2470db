import Foundation
import HESPABR
import HESPProtocols
import HESPTraces

/// `hesp demo`: the study on the repository's bundled clip and traces, VoD then live (1 s target
/// latency), written to OUT/vod and OUT/live. Each protocol runs on its own encoding: `hesp` on
/// the HESP package (continuation GOP = the whole 6 s clip, init packet per frame), the segment
/// protocols on a baseline package with GOP = segment = 2 s, both from the same clip and ladder.
/// The caller packages the clip (`clip`, `ladder`, `hespGopSeconds`, `segmentSeconds`) and hands
/// the packages in: this module never encodes.
public enum StudyDemo {
  /// The clip, under the Fixtures folder.
  public static let clip = "Media/bbb-320x180-6s.mp4"
  public static let ladder = "180p@1600k,144p@800k,108p@300k"
  /// The HESP continuation's GOP (the whole clip: one keyframe per loop of the content).
  public static let hespGopSeconds = 6.0
  /// Segments of both packages, and the baseline's GOP.
  public static let segmentSeconds = 2.0
  /// The traces, under the Fixtures folder.
  public static let traces = [
    "Sabre/4Glogs", "Sabre/3Glogs", "Traces/network.json",
    "Traces/B_2020.02.27_17.30.15-excerpt.csv",
  ]
  public static let abrs: [StudyABR] = [.classic(.throughput), .classic(.bola), .instantSwitch]

  /// One of the demo's two studies.
  public struct Run: Sendable {
    /// `VoD, 25 s buffer` or `Live, 1 s target latency`.
    public var heading: String
    public var outcome: StudyOutcome
  }

  /// Loads the bundled traces and runs both studies, writing them into `directory/vod` and
  /// `directory/live` (the caller's staging folder).
  /// - Parameters:
  ///   - packages: the clip packaged with the demo's settings, HESP and baseline.
  ///   - fixtures: the repository's Fixtures folder, as typed (traces are named from it).
  ///   - log: receives the trace notes and the session counts.
  /// - Throws: `ProtocolInputError` for a missing trace or a file that cannot be written.
  public static func run(
    packages: StudyPackages, fixtures: String, writingInto directory: URL, timelines: Bool,
    log: (String) -> Void = { _ in }
  ) async throws -> [Run] {
    let traceSet: TraceSet
    do {
      traceSet = try TraceSet.load(
        paths: traces.map { (fixtures as NSString).appendingPathComponent($0) })
    } catch { throw ProtocolInputError(error.description) }
    traceSet.notes.forEach(log)
    var runs: [Run] = []
    for live in [false, true] {
      let plan = try StudyPlan(
        title: "hesp demo: switch latency, \(live ? "live (1 s target latency)" : "VoD")",
        packages: packages, traces: traceSet.traces, protocols: StreamingProtocol.allCases,
        abrs: abrs,
        options: options(live: live), writeTimelines: timelines)
      let outcome = try await Study.run(
        plan, writingInto: directory.appendingPathComponent(subfolder(live: live)), log: log)
      runs.append(
        Run(heading: live ? "Live, 1 s target latency" : "VoD, 25 s buffer", outcome: outcome))
    }
    return runs
  }

  /// `vod` or `live`: where each study's files go.
  public static func subfolder(live: Bool) -> String { live ? "live" : "vod" }

  /// The demo's session options: 60 s of content; live at 1 s target latency.
  static func options(live: Bool) -> ProtocolOptions {
    var options = ProtocolOptions()
    options.live = live
    options.targetLatencyMs = 1_000
    options.contentDurationMs = 60_000
    return options
  }
}
