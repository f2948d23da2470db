import Foundation
import HESPProtocols
import HESPReport
import HESPTraces

/// Maps one session's result to the report's timeline chart input, and names its file.
enum StudyTimeline {
  /// `timelines/007-Fixtures_Sabre_4Glogs_report_bus_0001.json-hesp-bola.svg`: the session's
  /// index, then its trace, protocol and ABR with every character outside `A-Z a-z 0-9 . _ -`
  /// replaced by `_`.
  static func fileName(index: Int, result: ProtocolSessionResult) -> String {
    fileStem(index: index, result: result) + ".svg"
  }

  /// `fileName` without its extension: the session's other files under timelines/ share it.
  static func fileStem(index: Int, result: ProtocolSessionResult) -> String {
    let stem = [result.traceName, result.protocolName, result.abrName].map(sanitized).joined(
      separator: "-")
    return "timelines/" + String(format: "%03d", index) + "-" + stem
  }

  /// With `--timelines`, writes the session's timeline and its ABR decisions (`-decisions.csv`
  /// beside the `.svg`, when recorded) under `directory/timelines/`; returns the result without
  /// its decisions, which results.json does not carry.
  static func writeIfAsked(
    _ result: ProtocolSessionResult, job: StudyJob, plan: StudyPlan, in directory: URL
  ) throws -> ProtocolSessionResult {
    var result = result
    if plan.writeTimelines {
      let stem = fileStem(index: job.index, result: result)
      try write(svg(result, job: job, plan: plan), to: stem + ".svg", in: directory)
      if let decisions = result.decisions {
        try write(ABRDecisionRecord.csv(decisions), to: stem + "-decisions.csv", in: directory)
      }
    }
    result.decisions = nil
    return result
  }

  /// Writes `text` to `name` (a path under `directory`).
  static func write(_ text: String, to name: String, in directory: URL) throws {
    let url = directory.appendingPathComponent(name)
    do {
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
    } catch {
      throw ProtocolInputError("\(url.path): cannot write (\(error.localizedDescription))")
    }
  }

  /// `name` with every character outside `A-Z a-z 0-9 . _ -` replaced by `_`, at most 120 of them.
  static func sanitized(_ name: String) -> String {
    let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
    return String(String(name.map { allowed.contains($0) ? $0 : "_" }).prefix(120))
  }

  /// The bandwidth axis stops at 4x the top rung, so the chosen bitrate stays visible on fast
  /// links (the legend says where the trace was clipped).
  static func options(_ variant: StudyVariant) -> TimelineChart.Options {
    let top = variant.sizesByProtocol.values.compactMap { $0.content.bitratesKbps.last }.max()
    return TimelineChart.Options(bandwidthCeilingKbps: top.map { 4 * $0 })
  }

  /// The timeline of `result`, a session of `job` in `plan`.
  static func svg(_ result: ProtocolSessionResult, job: StudyJob, plan: StudyPlan) -> String {
    let variant = plan.variants[job.variant]
    return TimelineChart.svg(
      make(
        result, trace: plan.traces[job.trace].trace,
        sizes: variant.sizesByProtocol[job.streamingProtocol]),
      options: options(variant))
  }

  static func make(_ result: ProtocolSessionResult, trace: NetworkTrace, sizes: StudyVariant.Sizes?)
    -> SessionTimeline
  {
    let bitrates = sizes?.content.bitratesKbps ?? []
    func kbps(_ quality: Int) -> Double { quality < bitrates.count ? bitrates[quality] : 0 }
    let durationMs = max(result.sessionMs, 1)
    var bandwidth: [SessionTimeline.Step] = []
    if !trace.periods.isEmpty {
      var time = 0.0
      var index = 0
      while time < durationMs {
        let period = trace.periods[index % trace.periods.count]
        bandwidth.append(.init(startMs: time, kbps: period.bandwidthKbps))
        time += period.durationMs
        index += 1
      }
    }
    return SessionTimeline(
      title: "\(result.protocolName) · \(result.abrName) · \(result.traceName)",
      durationMs: durationMs,
      bandwidth: bandwidth,
      bitrate: result.displayedQualitySteps.map {
        .init(startMs: $0.timeMs, kbps: kbps($0.quality))
      },
      buffer: result.bufferSamples.map { .init(timeMs: $0.timeMs, levelMs: $0.levelMs) },
      switches: result.switches.compactMap { s in
        s.displayedMs.map {
          .init(
            decisionMs: s.decisionMs, displayedMs: $0, fromKbps: kbps(s.fromQuality),
            toKbps: kbps(s.toQuality))
        }
      },
      stalls: result.stalls.map { .init(startMs: $0.startMs, endMs: $0.endMs) })
  }
}
