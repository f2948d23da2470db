import HESPProtocols
import HESPReport

/// Maps one session's result to the report's timeline chart input.
enum StudyTimeline {
  static func make(_ result: ProtocolSessionResult, plan: StudyPlan) -> SessionTimeline {
    let bitrates = plan.sizesByProtocol.values.first?.content.bitratesKbps ?? []
    func kbps(_ quality: Int) -> Double { quality < bitrates.count ? bitrates[quality] : 0 }
    let durationMs = max(result.sessionMs, 1)
    var bandwidth: [SessionTimeline.Step] = []
    if let trace = plan.traces.first(where: { $0.name == result.traceName })?.trace, !trace.periods.isEmpty {
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
      title: "\(result.protocolName) · \(result.abrName) · \(result.traceName)", durationMs: durationMs,
      bandwidth: bandwidth,
      bitrate: result.displayedQualitySteps.map { .init(startMs: $0.timeMs, kbps: kbps($0.quality)) },
      buffer: result.bufferSamples.map { .init(timeMs: $0.timeMs, levelMs: $0.levelMs) },
      switches: result.switches.compactMap { s in
        s.displayedMs.map {
          .init(decisionMs: s.decisionMs, displayedMs: $0, fromKbps: kbps(s.fromQuality), toKbps: kbps(s.toQuality))
        }
      },
      stalls: result.stalls.map { .init(startMs: $0.startMs, endMs: $0.endMs) })
  }
}
