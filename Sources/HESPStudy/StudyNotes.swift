import HESPProtocols

/// The sentences printed under the tables and at the top of the report: the headline (one ABR,
/// the same for every protocol, never a pool across ABRs) and the settings every number depends on.
enum StudyNotes {
  /// One line per ABR of the plan's first ABR: each protocol's switch-latency p50 with its 95 %
  /// interval and the up/down split.
  static func headline(plan: StudyPlan, rows: [StudyAggregate]) -> [String] {
    guard let abr = plan.abrs.first?.description else { return [] }
    let f = StudyFormat.number
    let parts = rows.filter { $0.abrName == abr }.map { row -> String in
      guard let s = row.switchLatency else { return "\(row.protocolName) no switch" }
      let interval = s.p50CI95Ms.map { ", 95% CI \(StudyFormat.interval($0))" } ?? ""
      let split =
        "; up \(f(row.upSwitchLatency?.p50Ms, 0)), down \(f(row.downSwitchLatency?.p50Ms, 0))"
      let flag = row.incompleteSessions > 0 ? "; \(row.incompleteSessions) incomplete sessions" : ""
      return "\(row.protocolName) \(f(s.p50Ms, 0)) ms (\(s.count) switches\(interval)\(split)\(flag))"
    }
    return ["Headline, ABR \(abr) for every protocol: switch latency p50 to continuous playback: "
      + parts.joined(separator: " · ")]
  }

  /// The settings: mode and targets, catch-up, replacement, decisions, statistics, sizes.
  static func settings(plan: StudyPlan, rows: [StudyAggregate]) -> [String] {
    let o = plan.options
    let f = StudyFormat.number
    var notes: [String] = []
    if o.live {
      var line = "Live, target latency \(f(o.targetLatencyMs / 1000, 2)) s"
      let raised = plan.protocols.compactMap { proto -> String? in
        guard let target = rows.first(where: { $0.protocolName == proto.rawValue })?.effectiveTargetLatencyMs,
          target > o.targetLatencyMs + 1e-9
        else { return nil }
        return "\(proto.rawValue) \(f(target / 1000, 2)) s"
      }
      if !raised.isEmpty { line += " (raised to each protocol's floor: " + raised.joined(separator: ", ") + ")" }
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
          : "continuation requested after the init packet's first bytes (one more round trip)"))
    notes.append(
      "Traces: \(plan.traces.count); ABRs: \(plan.abrs.map(\.description).joined(separator: ", ")); 95% CI of p50: "
        + "cluster bootstrap over traces, \(plan.bootstrap.resampleCount) resamples, seed \(plan.bootstrap.seed)")
    notes += plan.sizeNotes
    let incomplete = rows.reduce(0) { $0 + $1.incompleteSessions }
    if incomplete > 0 {
      notes.append("\(incomplete) incomplete sessions (time limit reached or nothing shown): flagged in `inc`")
    }
    return notes
  }
}
