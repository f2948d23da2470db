import Foundation
import HESPProtocols

/// The study engine's entry points: run a whole study, run one shard of it, or merge shards.
/// Each writes into a directory the caller stages and moves in place (the CLI's
/// `OutputFolder`), and prints nothing. A study and the merge of its shards write the same bytes.
public enum Study {
  /// Runs every session of `plan` (variant x trace x protocol x ABR, in parallel) and writes
  /// table.txt, summary.json, results.json, sessions.csv, switches.csv, cdf.svg, report.html
  /// and, on request, timelines/ into `directory`.
  /// - Parameter log: receives the session count before the run.
  /// - Throws: `ProtocolInputError` when a file cannot be written.
  public static func run(
    _ plan: StudyPlan, writingInto directory: URL, progress: StudyProgress? = nil,
    log: (String) -> Void = { _ in }
  ) async throws -> StudyOutcome {
    log(plan.sessionSummary)
    let writer = try StudyWriter(directory: directory, header: StudyHeader(plan: plan))
    try await runSessions(
      plan, jobs: plan.jobs, timelinesIn: directory, progress: progress, into: writer.add)
    return try outcome(writer)
  }

  /// Runs every session of `plan` one at a time through `session` instead of the simulator (an
  /// emulation: a real player over an emulated network), and writes the same files as `run`.
  /// `session` returns the job's result labelled like a simulated one (trace, variant, sizes).
  public static func run(
    _ plan: StudyPlan, writingInto directory: URL, progress: StudyProgress? = nil,
    log: (String) -> Void = { _ in },
    session: (StudyJob) throws -> ProtocolSessionResult
  ) throws -> StudyOutcome {
    log(plan.sessionSummary)
    let writer = try StudyWriter(directory: directory, header: StudyHeader(plan: plan))
    for job in plan.jobs {
      let result = try StudyTimeline.writeIfAsked(
        try session(job), job: job, plan: plan, in: directory)
      try writer.add(result, index: job.index)
      progress?.sessionDone()
    }
    progress?.finish()
    return try outcome(writer)
  }

  /// Runs shard `shard` of `plan` into `directory` (shard.json, sessions.jsonl, timelines/):
  /// the input of `merge`.
  public static func run(
    _ plan: StudyPlan, shard: StudyShard, writingInto directory: URL,
    progress: StudyProgress? = nil,
    log: (String) -> Void = { _ in }
  ) async throws {
    let jobs = shard.jobs(of: plan)
    log("shard \(shard): \(jobs.count) of \(plan.sessionSummary)")
    let file = try StudyShardFile.Writer(
      directory: directory, header: StudyHeader(plan: plan), shard: shard)
    try await runSessions(
      plan, jobs: jobs, timelinesIn: directory, progress: progress, into: file.add)
    try file.finish()
  }

  /// Merges the shard directories of one study (any order) into `directory`: exactly the files
  /// the unsharded run writes.
  /// - Throws: `ProtocolInputError` for a shard given twice, a missing or incomplete shard, or
  ///   shards of different studies (naming what differs).
  public static func merge(shards: [String], writingInto directory: URL) throws -> StudyOutcome {
    let set = try StudyShardFile.Set(directories: shards)
    let writer = try StudyWriter(directory: directory, header: set.header)
    try set.forEachSession { index, result in try writer.add(result, index: index) }
    if set.header.writeTimelines { try set.copyTimelines(into: directory) }
    return try outcome(writer)
  }

  /// Runs `jobs` in order, drawing each session's timeline into `directory` when the plan asks,
  /// and hands every session to `add` (the study's writer or a shard's).
  static func runSessions(
    _ plan: StudyPlan, jobs: [StudyJob], timelinesIn directory: URL, progress: StudyProgress?,
    into add: (ProtocolSessionResult, Int) throws -> Void
  ) async throws {
    try await StudyRunner.run(plan, jobs: jobs, progress: progress) { job, result in
      try add(StudyTimeline.writeIfAsked(result, job: job, plan: plan, in: directory), job.index)
    }
    progress?.finish()
  }

  static func outcome(_ writer: StudyWriter) throws -> StudyOutcome {
    let rows = try writer.finish()
    let header = writer.header
    return StudyOutcome(
      sessions: writer.accumulator.all, rows: rows,
      table: StudyTable.render(rows, variants: header.variants.count),
      notes: StudyNotes.headline(header: header, rows: rows)
        + StudyNotes.settings(header: header, rows: rows))
  }
}

/// What a study run measured.
public struct StudyOutcome: Sendable {
  /// Every session's digest, in session order (variant, trace, protocol, ABR).
  public var sessions: [SessionDigest]
  /// Per variant x protocol x ABR.
  public var rows: [StudyAggregate]
  /// The comparison tables (the content of table.txt, without its final newline).
  public var table: String
  /// The headline and the settings the numbers depend on (also at the top of the report).
  public var notes: [String]
}
