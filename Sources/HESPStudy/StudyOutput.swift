import Foundation
import HESPCore
import HESPProtocols
import HESPReport

/// Writes a study's files: results.json, sessions.csv, switches.csv, summary.json, cdf.svg,
/// timelines (on request) and report.html. Everything goes to `OUT.partial-<pid>` first and is
/// renamed at the end, so a directory named OUT is always complete.
struct StudyOutput {
  var plan: StudyPlan
  var results: [ProtocolSessionResult]
  var pooled: [StudyAggregate]
  var byABR: [StudyAggregate]

  func write() throws {
    let fileManager = FileManager.default
    let final = plan.outputPath
    if fileManager.fileExists(atPath: final) && !plan.force {
      throw ProtocolInputError("\(final): already exists (use --force to replace it)")
    }
    let partial = final + ".partial-\(getpid())"
    try? fileManager.removeItem(atPath: partial)
    do {
      try fileManager.createDirectory(atPath: partial, withIntermediateDirectories: true)
    } catch {
      throw ProtocolInputError("\(final): cannot create the output directory")
    }
    func put(_ name: String, _ text: String) throws {
      let path = (partial as NSString).appendingPathComponent(name)
      try fileManager.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    try put("results.json", String(decoding: try encoder.encode(results), as: UTF8.self) + "\n")
    try put("summary.json", String(decoding: try encoder.encode(Summary(plan: plan, pooled: pooled, byABR: byABR)), as: UTF8.self) + "\n")
    try put("sessions.csv", StudyCSV.sessions(results))
    try put("switches.csv", StudyCSV.switches(results))
    try put("table.txt", StudyTable.render(pooled: pooled, byABR: byABR) + "\n")
    let distributions = plan.protocols.map { proto in
      LatencyDistribution(
        name: proto.rawValue,
        samplesMs: results.filter { $0.protocolName == proto.rawValue }.flatMap(\.switchLatenciesMs))
    }
    try put("cdf.svg", LatencyCDFChart.svg(distributions, options: .init(title: "Switch latency CDF (all ABRs, all traces)")))
    var figures = [ReportPage.Figure(caption: "Switch latency CDF per protocol", content: .file("cdf.svg"))]
    if plan.writeTimelines {
      for (index, result) in results.enumerated() {
        let name = StudyTimeline.fileName(index: index, result: result)
        try put(name, TimelineChart.svg(StudyTimeline.make(result, plan: plan)))
        figures.append(.init(caption: "\(result.protocolName) · \(result.abrName) · \(result.traceName)", content: .file(name)))
      }
    }
    let page = ReportPage(
      title: plan.title, notes: notes(), rows: (byABR + pooled).map(row), figures: figures,
      links: ["results.json", "summary.json", "sessions.csv", "switches.csv", "table.txt", "cdf.svg"].map {
        .init(label: $0, href: $0)
      })
    try put("report.html", HTMLReport.render(page))
    try? fileManager.removeItem(atPath: final)
    do { try fileManager.moveItem(atPath: partial, toPath: final) } catch {
      throw ProtocolInputError("\(final): cannot move the output in place")
    }
  }

  func row(_ aggregate: StudyAggregate) -> ReportPage.ProtocolRow {
    ReportPage.ProtocolRow(
      protocolName: "\(aggregate.protocolName) · \(aggregate.abrName)", sessionCount: aggregate.sessionCount,
      switchLatency: aggregate.switchLatency, startupMs: aggregate.startup, meanRebufferMs: aggregate.meanRebufferMs,
      meanBitrateKbps: aggregate.meanBitrateKbps)
  }

  func notes() -> [String] {
    let o = plan.options
    var notes = [
      o.live
        ? "Live, target latency \(StudyFormat.number(o.targetLatencyMs / 1000, decimals: 2)) s"
          + (o.catchupRate.map { ", catch-up at \($0)x" } ?? ", no catch-up")
        : "VoD, buffer \(StudyFormat.number(o.bufferSizeMs / 1000, decimals: 1)) s",
      "Traces: \(plan.traces.count); ABRs: \(plan.abrs.map(\.description).joined(separator: ", ")); "
        + "LL-HLS parts \(StudyFormat.number(o.partDurationMs, decimals: 0)) ms; ABR probed every "
        + "\(StudyFormat.number(o.decisionIntervalMs, decimals: 0)) ms; replacement of buffered media (all protocols): "
        + o.replacement.rawValue,
    ]
    for proto in plan.protocols {
      if let sizes = plan.sizesByProtocol[proto] { notes.append("\(proto.rawValue) sizes: \(sizes.source)") }
    }
    for aggregate in pooled where aggregate.medianRatioToBound != nil {
      notes.append(
        "\(aggregate.protocolName): median switch latency / physical bound (link latency + init packet "
          + "transfer + one frame) = \(StudyFormat.number(aggregate.medianRatioToBound, decimals: 2))")
    }
    return notes
  }

  /// The machine-readable summary.
  struct Summary: Codable {
    var title: String
    var live: Bool
    var targetLatencyMs: Double?
    var sizes: [String: String]
    var traces: [String]
    var pooled: [StudyAggregate]
    var byABR: [StudyAggregate]

    init(plan: StudyPlan, pooled: [StudyAggregate], byABR: [StudyAggregate]) {
      title = plan.title
      live = plan.options.live
      targetLatencyMs = plan.options.live ? plan.options.targetLatencyMs : nil
      sizes = Dictionary(uniqueKeysWithValues: plan.sizesByProtocol.map { ($0.key.rawValue, $0.value.source) })
      traces = plan.traces.map(\.name)
      self.pooled = pooled
      self.byABR = byABR
    }
  }
}
