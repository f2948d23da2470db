import HESPCore
import HESPProtocols

/// The sentences printed under the tables and at the top of the report: the headline (one ABR,
/// the same for every protocol, never a pool across ABRs) and the settings every number depends on.
enum StudyNotes {
  /// One line per ABR of the plan's first ABR: each protocol's switch-latency p50 with its 95 %
  /// interval and the up/down split.
  static func headline(header: StudyHeader, rows: [StudyAggregate]) -> [String] {
    guard let abr = header.abrs.first else { return [] }
    let f = StudyFormat.number
    let parts = rows.filter { $0.abrName == abr }.map { row -> String in
      let name =
        header.variants.count > 1 ? "\(row.variant) · \(row.protocolName)" : row.protocolName
      guard let s = row.switchLatency else { return "\(name) no switch" }
      let interval = s.p50CI95Ms.map { ", 95% CI \(StudyFormat.interval($0))" } ?? ""
      let split =
        "; up \(f(row.upSwitchLatency?.p50Ms, 0)), down \(f(row.downSwitchLatency?.p50Ms, 0))"
      let flag = row.incompleteSessions > 0 ? "; \(row.incompleteSessions) incomplete sessions" : ""
      return "\(name) \(f(s.p50Ms, 0)) ms (\(s.count) switches\(interval)\(split)\(flag))"
    }
    return [
      "Headline, ABR \(abr) for every protocol: switch latency p50 to continuous playback: "
        + parts.joined(separator: " · ")
    ]
  }

  /// The settings: mode and targets, catch-up, replacement, decisions, statistics, sizes.
  static func settings(header: StudyHeader, rows: [StudyAggregate]) -> [String] {
    let o = header.options
    let f = StudyFormat.number
    var notes: [String] = []
    if o.live {
      var line = "Live, target latency \(f(o.targetLatencyMs / 1000, 2)) s"
      let raised = header.protocols.compactMap { proto -> String? in
        guard
          let target = rows.first(where: { $0.protocolName == proto })?.effectiveTargetLatencyMs,
          target > o.targetLatencyMs + 1e-9
        else { return nil }
        return "\(proto) \(f(target / 1000, 2)) s"
      }
      if !raised.isEmpty {
        line += " (raised to each protocol's floor: " + raised.joined(separator: ", ") + ")"
      }
      line +=
        o.catchupRate.map {
          "; catch-up at \($0)x while more than half a frame above target and at least one request unit "
            + "(a frame for hesp) + min(0.5 s, target/2) is buffered"
        } ?? "; no catch-up"
      notes.append(line)
    } else {
      notes.append("VoD, buffer \(f(o.bufferSizeMs / 1000, 1)) s")
    }
    notes.append(
      "Replacement of buffered media (every protocol): \(o.replacement.rawValue); ABR decisions at most every "
        + "\(f(o.decisionIntervalMs, 0)) ms; LL-HLS parts \(f(o.partDurationMs, 0)) ms; a freeze within "
        + "\(f(o.settleWindowMs, 0)) ms of media after a switch or the first frame belongs to it; HESP "
        + (o.hespKnowsContinuationOffsets
          ? "player knows continuation offsets (init and continuation requested at once)"
          : "continuation requested after the init packet's first bytes (one more round trip)")
        + (o.cancelledQueueRoundTrips > 0
          ? "; a switch's init packet waits behind \(f(o.cancelledQueueRoundTrips, 2)) round trips "
            + "of the closed continuation's queued data"
          : "")
        + (o.packetPayloadBytes > 0
          ? "; the link delivers packets of \(o.packetPayloadBytes) payload bytes" : ""))
    notes.append(
      "Traces: \(header.traces.count); ABRs: \(header.abrs.joined(separator: ", ")); 95% CI of p50: "
        + "cluster bootstrap over traces, \(header.bootstrap.resampleCount) resamples, seed \(header.bootstrap.seed)"
    )
    if header.variants.count > 1 {
      notes.append("Variants: " + header.variants.map(\.name).joined(separator: "; "))
    }
    notes += header.sizeNotes
    let incomplete = rows.reduce(0) { $0 + $1.incompleteSessions }
    if incomplete > 0 {
      notes.append(
        "\(incomplete) incomplete sessions (time limit reached or nothing shown): flagged in `inc`")
    }
    return notes
  }
}
