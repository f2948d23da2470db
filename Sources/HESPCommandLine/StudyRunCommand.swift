import ArgumentParser
import Foundation
import HESPABR
import HESPCore
import HESPProtocols
import HESPStudy
import HESPTraces

/// `hesp study [run]`: switch latency, startup, stalls and live latency of hesp, ll-dash,
/// ll-hls and dash over the same traces and ABRs, on packaged sizes; a sweep over packages and
/// RTTs; one shard of it.
struct StudyRunCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract:
      "Compare HESP, LL-DASH, LL-HLS and DASH switching (trace x protocol x ABR) on packaged sizes.",
    discussion: """
      Give packages (--package, made by `hesp package`; several make a sweep) or a video to package \
      (--input). ll-dash, ll-hls and dash use --baseline (a package with GOP = segment duration) or \
      PKG/baseline when there is one; otherwise the HESP continuation sizes, switching only at its \
      keyframes (the output says which). --rtt-ms 50,100,200 replaces every trace's latency, one variant \
      per value. --spec FILE reads the same options from a JSON object whose keys are these long \
      option names. --shard K/N runs one share of the sessions into OUT (merge the shards with \
      `hesp study merge`). Writes OUT/report.html, results.json, summary.json, sessions.csv, \
      switches.csv, table.txt, cdf.svg (and timelines/*.svg with --timelines) and prints the tables.
      """)

  @OptionGroup var sweep: StudySweepArguments

  @Option(
    help:
      "Video to package first (HESP package with --hesp-gop, baseline with GOP = --segment-duration)."
  )
  var input: String?

  @Option(help: "With --input: package only the first seconds.")
  var duration: Double?

  @Option(help: "With --input: rendition ladder (e.g. 720p@3000k,480p@1200k,360p@600k).")
  var ladder: String?

  @Option(help: "With --input: continuation GOP of the HESP package, seconds.")
  var hespGop: Double = 10

  @Option(help: "With --input: segment duration (and baseline GOP), seconds.")
  var segmentDuration: Double = 2

  @Option(
    parsing: .upToNextOption,
    help:
      "Sweep a setting: NAME=V1,V2 (one variant per value; several --vary are crossed). NAME: \(StudyVariation.Key.allCases.map(\.rawValue).joined(separator: ", ")); durations in seconds."
  )
  var vary: [String] = []

  @Option(
    help:
      "A JSON sweep spec: an object whose keys are this command's long option names (package, trace, rtt, abr, live, ...)."
  )
  var spec: String?

  @Option(
    help:
      "Run one deterministic share K/N of the sessions into OUT (1 <= K <= N); merge with `hesp study merge`."
  )
  var shard: String?

  @Flag(help: "No progress on stderr.")
  var quiet = false

  @OptionGroup var out: OutputArguments<StudyOutputDefault>

  func run() async throws {
    if let spec {
      let command = try StudySpecFile.command(spec: spec, overriding: self)
      try await command.run()
      return
    }
    // Packaging needs FFmpeg: `hesp` hands the whole run to `hesp-media` before writing anything.
    if input != nil, StudyInputPackaging.packager == nil {
      MediaExecutable.replaceProcess(command: "study")
    }
    let protocols = sweep.protocol.elements
    let abrs = sweep.abr.elements
    let options = try sweep.session.options()
    let rtts = try sweep.rttsMs()
    let variations = try vary.map { try StudyVariation(parsing: $0) }
    let shard = try self.shard.map { try StudyShard(parsing: $0) }
    let inputs = sweep.inputs + [input, spec].compactMap { $0 }
    var shardLine: String?
    let outcome = try await out.write(command: "study", inputs: inputs) {
      staging -> StudyOutcome? in
      let traceSet = try sweep.loadTraces()
      traceSet.notes.forEach(Self.note)
      let scratch = input == nil ? nil : try ScratchFolder(command: "study")
      let plan = try StudyPlan(
        title: "Switch latency study", sweep: try packageSets(scratch: scratch), rttsMs: rtts,
        variations: variations,
        traces: traceSet.traces,
        protocols: protocols, abrs: abrs, options: options, writeTimelines: sweep.timelines)
      let total = shard.map { $0.jobs(of: plan).count } ?? plan.sessionCount
      let progress = quiet ? nil : StudyProgress(total: total) { Self.note($0) }
      guard let shard else {
        return try await Study.run(
          plan, writingInto: staging, progress: progress, log: Self.note)
      }
      try await Study.run(
        plan, shard: shard, writingInto: staging, progress: progress, log: Self.note)
      shardLine =
        "shard \(shard) of \(plan.sessionSummary): \(total) sessions in \(out.output) (merge with `hesp study merge`)"
      return nil
    }
    if let shardLine { print(shardLine) }
    if let outcome { Self.show(outcome, reportIn: out) }
  }

  /// A study's tables, notes and report path on stdout (`study run` and `study merge`).
  static func show(_ outcome: StudyOutcome, reportIn out: OutputArguments<StudyOutputDefault>) {
    print(outcome.table)
    print("")
    outcome.notes.forEach { print($0) }
    print("report: \(out.path(of: "report.html"))")
  }

  /// The given packages, or `--input` packaged into a scratch folder first (removed afterwards).
  func packageSets(scratch: ScratchFolder?) throws -> [StudyPackages] {
    if !sweep.packages.isEmpty {
      guard input == nil else {
        throw ProtocolInputError("--input: give either --package or --input")
      }
      return try sweep.loadPackages()
    }
    guard let input, let scratch, let packager = StudyInputPackaging.packager else {
      throw ProtocolInputError("--package: give a package directory or --input VIDEO")
    }
    let made = try packager.packageInput(
      input, duration: duration, ladder: ladder, hespGop: hespGop, segmentDuration: segmentDuration,
      baseline: sweep.baseline, workDirectory: scratch.url.path)
    return [try StudyPackages.load(package: made.hesp, baseline: made.baseline)]
  }

  static func note(_ line: String) { Notes.write(line) }
}
