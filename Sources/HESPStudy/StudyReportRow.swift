import HESPReport

/// An aggregate row as the HTML report's table shows it.
enum StudyReportRow {
  static func make(_ aggregate: StudyAggregate, variants: Int) -> ReportPage.ProtocolRow {
    let s = aggregate.switchLatency
    return ReportPage.ProtocolRow(
      protocolName: StudyTable.label(aggregate, variants: variants),
      sessionCount: aggregate.sessionCount,
      incompleteSessionCount: aggregate.incompleteSessions, switchLatency: s?.summary,
      switchP50CI95Ms: s?.p50CI95Ms, switchSessionMedianMs: s?.sessionMedianP50Ms,
      upSwitchP50Ms: aggregate.upSwitchLatency?.p50Ms,
      downSwitchP50Ms: aggregate.downSwitchLatency?.p50Ms,
      startupMs: aggregate.startup?.summary, stallRatio: aggregate.stallRatio,
      meanRebufferMs: aggregate.meanRebufferMs,
      meanBitrateKbps: aggregate.meanBitrateKbps)
  }
}
