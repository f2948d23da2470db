import Foundation
import HESPCore
import HESPProtocols
import HESPReport

/// Writes a study's files into a folder the caller stages (the CLI's `OutputFolder`), one
/// session at a time in session order: results.json, sessions.csv and switches.csv grow as
/// sessions arrive, so nothing but the aggregates' digests stays in memory; `finish` writes
/// summary.json, table.txt, cdf.svg and report.html. A run and a merge of its shards feed the
/// same sessions in the same order to this writer, so they write the same bytes.
final class StudyWriter {
  let directory: URL
  let header: StudyHeader
  private var results: FileHandle
  private var sessions: FileHandle
  private var switches: FileHandle
  private var written = 0
  private(set) var accumulator: StudyAccumulator
  private var figures: [ReportPage.Figure] = []
  private let encoder: JSONEncoder

  init(directory: URL, header: StudyHeader) throws {
    self.directory = directory
    self.header = header
    accumulator = StudyAccumulator(header: header)
    encoder = CanonicalJSON.encoder()
    results = try Self.create(directory, "results.json", "[\n")
    sessions = try Self.create(directory, "sessions.csv", StudyCSV.sessionsHeader + "\n")
    switches = try Self.create(directory, "switches.csv", StudyCSV.switchesHeader + "\n")
  }

  static func create(_ directory: URL, _ name: String, _ first: String) throws -> FileHandle {
    let url = directory.appendingPathComponent(name)
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      try Data(first.utf8).write(to: url)
      let handle = try FileHandle(forWritingTo: url)
      try handle.seekToEnd()
      return handle
    } catch {
      throw ProtocolInputError("\(url.path): cannot write (\(error.localizedDescription))")
    }
  }

  /// Appends session `index` (sessions arrive in index order).
  func add(_ result: ProtocolSessionResult, index: Int) throws {
    precondition(index == written, "sessions must arrive in order")
    let json = String(decoding: try encoder.encode(result), as: UTF8.self)
    let indented = json.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
      .joined(separator: "\n")
    try append(results, (written > 0 ? ",\n" : "") + indented)
    try append(sessions, StudyCSV.sessionRow(result) + "\n")
    let rows = StudyCSV.switchRows(result)
    if !rows.isEmpty { try append(switches, rows.joined(separator: "\n") + "\n") }
    accumulator.add(SessionDigest(result))
    if header.writeTimelines {
      let name = StudyTimeline.fileName(index: index, result: result)
      figures.append(
        .init(
          caption: "\(result.protocolName) · \(result.abrName) · \(result.traceName)",
          content: .file(name)))
    }
    written += 1
  }

  private func append(_ handle: FileHandle, _ text: String) throws {
    do { try handle.write(contentsOf: Data(text.utf8)) } catch {
      throw ProtocolInputError("\(directory.path): cannot write (\(error.localizedDescription))")
    }
  }

  /// Closes the session files and writes the aggregate files; returns the rows.
  func finish() throws -> [StudyAggregate] {
    precondition(written == header.sessionCount, "a study finishes with all its sessions")
    try append(results, "\n]\n")
    for handle in [results, sessions, switches] { try? handle.close() }
    let rows = accumulator.rows()
    func put(_ name: String, _ text: String) throws {
      let url = directory.appendingPathComponent(name)
      do { try Data(text.utf8).write(to: url) } catch {
        throw ProtocolInputError("\(url.path): cannot write (\(error.localizedDescription))")
      }
    }
    try put(
      "summary.json",
      String(decoding: try encoder.encode(StudySummary(header: header, rows: rows)), as: UTF8.self)
        + "\n")
    try put("table.txt", StudyTable.render(rows, variants: header.variants.count) + "\n")
    let distributions = rows.map { row in
      LatencyDistribution(
        name: StudyTable.label(row, variants: header.variants.count),
        samplesMs: accumulator.sessions(
          variant: row.variant, protocolName: row.protocolName, abrName: row.abrName
        )
        .flatMap(\.switchLatenciesMs))
    }
    try put(
      "cdf.svg",
      LatencyCDFChart.svg(
        distributions,
        options: .init(title: "Switch latency to continuous playback, per protocol and ABR")))
    let page = ReportPage(
      title: header.title,
      notes: StudyNotes.headline(header: header, rows: rows)
        + StudyNotes.settings(header: header, rows: rows),
      rows: rows.map { StudyReportRow.make($0, variants: header.variants.count) },
      figures: [
        ReportPage.Figure(
          caption: "Switch latency CDF per protocol and ABR", content: .file("cdf.svg"))
      ] + figures,
      links: [
        "results.json", "summary.json", "sessions.csv", "switches.csv", "table.txt", "cdf.svg",
      ].map {
        .init(label: $0, href: $0)
      })
    try put("report.html", HTMLReport.render(page))
    return rows
  }
}
