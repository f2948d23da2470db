import Foundation
import HESPProtocols

/// The study engine's entry point: runs every session of a plan (trace x protocol x ABR, in
/// parallel), aggregates them and writes the output directory. Prints nothing.
public enum Study {
  /// Runs `plan` and writes its files to `plan.outputPath` (table.txt, summary.json,
  /// results.json, sessions.csv, switches.csv, cdf.svg, report.html, timelines/ on request).
  /// - Parameter log: receives progress lines (the session count before the run).
  /// - Throws: `ProtocolInputError` when the output directory cannot be written.
  public static func run(_ plan: StudyPlan, log: (String) -> Void = { _ in }) throws -> StudyOutcome {
    log(plan.sessionSummary)
    let results = StudyBatch.run(plan)
    let (pooled, byABR) = StudyAggregate.make(results: results, plan: plan)
    try StudyOutput(plan: plan, results: results, pooled: pooled, byABR: byABR).write()
    return StudyOutcome(
      results: results, pooled: pooled, byABR: byABR, table: StudyTable.render(pooled: pooled, byABR: byABR),
      sizeNotes: plan.sizeNotes, outputPath: plan.outputPath)
  }
}

/// What a study run measured and where it wrote it.
public struct StudyOutcome: Sendable {
  /// Every session, in plan order (trace, protocol, ABR).
  public var results: [ProtocolSessionResult]
  /// Per protocol, all ABRs pooled.
  public var pooled: [StudyAggregate]
  /// Per protocol x ABR.
  public var byABR: [StudyAggregate]
  /// The comparison table (the content of table.txt, without its final newline).
  public var table: String
  /// One line per protocol saying which packaged sizes it ran on.
  public var sizeNotes: [String]
  /// The output directory.
  public var outputPath: String

  /// The report's path.
  public var reportPath: String { (outputPath as NSString).appendingPathComponent("report.html") }
}
