import Foundation
import HESPProtocols

/// The study engine's entry point: runs every session of a plan (trace x protocol x ABR, in
/// parallel), aggregates them and writes the output directory. Prints nothing.
public enum Study {
  /// Runs `plan` and writes its files into `directory` (table.txt, summary.json, results.json,
  /// sessions.csv, switches.csv, cdf.svg, report.html, timelines/ on request). The directory is
  /// the caller's to place and move in place (the CLI stages it in an `OutputFolder`).
  /// - Parameter log: receives progress lines (the session count before the run).
  /// - Throws: `ProtocolInputError` when a file cannot be written.
  public static func run(_ plan: StudyPlan, writingInto directory: URL, log: (String) -> Void = { _ in }) throws
    -> StudyOutcome
  {
    log(plan.sessionSummary)
    let results = StudyBatch.run(plan)
    let rows = StudyAggregate.make(results: results, plan: plan)
    try StudyOutput(plan: plan, results: results, rows: rows).write(to: directory)
    return StudyOutcome(
      results: results, rows: rows, table: StudyTable.render(rows),
      notes: StudyNotes.headline(plan: plan, rows: rows) + StudyNotes.settings(plan: plan, rows: rows))
  }
}

/// What a study run measured and where it wrote it.
public struct StudyOutcome: Sendable {
  /// Every session, in plan order (trace, protocol, ABR).
  public var results: [ProtocolSessionResult]
  /// Per protocol x ABR.
  public var rows: [StudyAggregate]
  /// The comparison tables (the content of table.txt, without its final newline).
  public var table: String
  /// The headline and the settings the numbers depend on (also at the top of the report).
  public var notes: [String]
}
