import Foundation
import HESPCore
import HESPProtocols
import HESPReport

/// Writes a study's files: results.json, sessions.csv, switches.csv, summary.json, table.txt,
/// cdf.svg, timelines (on request) and report.html, into a folder the caller stages (the CLI's
/// `OutputFolder`: checked, written aside, moved in place when complete).
struct StudyOutput {
  var plan: StudyPlan
  var results: [ProtocolSessionResult]
  var rows: [StudyAggregate]

  /// Writes every file into `directory` (created if missing; it is the caller's staging folder).
  func write(to directory: URL) throws {
    let fileManager = FileManager.default
    func put(_ name: String, _ text: String) throws {
      let url = directory.appendingPathComponent(name)
      do {
        try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
      } catch {
        throw ProtocolInputError("\(url.path): cannot write (\(error.localizedDescription))")
      }
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    try put("results.json", String(decoding: try encoder.encode(results), as: UTF8.self) + "\n")
    try put("summary.json", String(decoding: try encoder.encode(StudySummary(plan: plan, rows: rows)), as: UTF8.self) + "\n")
    try put("sessions.csv", StudyCSV.sessions(results))
    try put("switches.csv", StudyCSV.switches(results))
    try put("table.txt", StudyTable.render(rows) + "\n")
    let distributions = rows.map { row in
      LatencyDistribution(
        name: "\(row.protocolName) · \(row.abrName)",
        samplesMs: results.filter { $0.protocolName == row.protocolName && $0.abrName == row.abrName }
          .flatMap(\.switchLatenciesMs))
    }
    try put(
      "cdf.svg",
      LatencyCDFChart.svg(
        distributions, options: .init(title: "Switch latency to continuous playback, per protocol and ABR")))
    var figures = [ReportPage.Figure(caption: "Switch latency CDF per protocol and ABR", content: .file("cdf.svg"))]
    if plan.writeTimelines {
      for (index, result) in results.enumerated() {
        let name = StudyTimeline.fileName(index: index, result: result)
        try put(name, TimelineChart.svg(StudyTimeline.make(result, plan: plan), options: StudyTimeline.options(plan)))
        figures.append(.init(caption: "\(result.protocolName) · \(result.abrName) · \(result.traceName)", content: .file(name)))
      }
    }
    let page = ReportPage(
      title: plan.title, notes: StudyNotes.headline(plan: plan, rows: rows) + StudyNotes.settings(plan: plan, rows: rows),
      rows: rows.map(row), figures: figures,
      links: ["results.json", "summary.json", "sessions.csv", "switches.csv", "table.txt", "cdf.svg"].map {
        .init(label: $0, href: $0)
      })
    try put("report.html", HTMLReport.render(page))
  }

  func row(_ aggregate: StudyAggregate) -> ReportPage.ProtocolRow {
    let s = aggregate.switchLatency
    return ReportPage.ProtocolRow(
      protocolName: "\(aggregate.protocolName) · \(aggregate.abrName)", sessionCount: aggregate.sessionCount,
      incompleteSessionCount: aggregate.incompleteSessions, switchLatency: s?.summary,
      switchP50CI95Ms: s?.p50CI95Ms, switchSessionMedianMs: s?.sessionMedianP50Ms,
      upSwitchP50Ms: aggregate.upSwitchLatency?.p50Ms, downSwitchP50Ms: aggregate.downSwitchLatency?.p50Ms,
      startupMs: aggregate.startup?.summary, stallRatio: aggregate.stallRatio, meanRebufferMs: aggregate.meanRebufferMs,
      meanBitrateKbps: aggregate.meanBitrateKbps)
  }
}

/// The machine-readable summary: the settings every number depends on, and one row per
/// protocol x ABR.
struct StudySummary: Codable {
  var title: String
  var live: Bool
  var targetLatencyMs: Double?
  var catchupRate: Double?
  var replacement: String
  var decisionIntervalMs: Double
  var settleWindowMs: Double
  var hespKnowsContinuationOffsets: Bool
  var bootstrap: ClusterBootstrap
  var sizes: [String: String]
  var traces: [String]
  var byABR: [StudyAggregate]

  init(plan: StudyPlan, rows: [StudyAggregate]) {
    let o = plan.options
    title = plan.title
    live = o.live
    targetLatencyMs = o.live ? o.targetLatencyMs : nil
    catchupRate = o.live ? o.catchupRate : nil
    replacement = o.replacement.rawValue
    decisionIntervalMs = o.decisionIntervalMs
    settleWindowMs = o.settleWindowMs
    hespKnowsContinuationOffsets = o.hespKnowsContinuationOffsets
    bootstrap = plan.bootstrap
    sizes = Dictionary(uniqueKeysWithValues: plan.sizesByProtocol.map { ($0.key.rawValue, $0.value.source) })
    traces = plan.traces.map(\.name)
    byABR = rows
  }
}
