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

  @Option(
    name: .customLong("package"), parsing: .upToNextOption,
    help: "HESP package directories (with frame-index.json); several make a sweep.")
  var packages: [String] = []

  @Option(
    help: "Baseline package for ll-dash/ll-hls/dash (GOP = segment duration); one --package only.")
  var baseline: String?

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
    name: .customLong("trace"), parsing: .upToNextOption,
    help: "Trace files or folders (any supported format).")
  var traces: [String] = []

  @OptionGroup var traceImport: TraceImportArguments

  @Option(
    help: ArgumentHelp(
      "Protocols, comma-separated: \(StreamingProtocol.allCases.map(\.rawValue).joined(separator: ", ")). (default: \(StreamingProtocol.defaultList))",
      valueName: "protocol,..."),
    transform: {
      try CommaSeparated($0) { text throws(ProtocolInputError) in
        try StreamingProtocol.parseList(text)
      }
    })
  var `protocol` = try! CommaSeparated(StreamingProtocol.defaultList) {
    text throws(ProtocolInputError) in
    try StreamingProtocol.parseList(text)
  }

  @Option(
    help: ArgumentHelp(
      "ABRs, comma-separated: \(StudyABR.names.joined(separator: ", ")). (default: throughput,bola,hesp)",
      valueName: "abr,..."),
    transform: {
      try CommaSeparated($0) { text throws(ProtocolInputError) in try StudyABR.parseList(text) }
    })
  var abr = try! CommaSeparated("throughput,bola,hesp") { text throws(ProtocolInputError) in
    try StudyABR.parseList(text)
  }

  @OptionGroup var session: StudySessionArguments

  @Option(
    name: .customLong("rtt-ms"),
    help:
      "Replace every trace's latency (ms); a comma-separated list makes a sweep, one variant per value."
  )
  var rttMs: String?

  @Option(name: .customLong("rtt"), help: .hidden)
  var oldRTT: String?

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

  @Option(name: .shortAndLong, help: "Output directory (must not exist unless --force).")
  var output: String = "study-out"

  @Flag(
    help:
      "Replace OUT if hesp wrote it (it holds .hesp-output). Never replaces other folders, an input, a folder holding one, or the working directory or a parent of it."
  )
  var force = false

  @Flag(help: "Write an SVG timeline per session.")
  var timelines = false

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
    let protocols = self.protocol.elements
    let abrs = abr.elements
    let options = try session.options()
    let rtt = try RenamedOption("--rtt-ms", rttMs, old: "--rtt", oldRTT)
    let rtts = try rtt.value.map { try Self.parseRTTs($0, option: rtt.name) } ?? []
    let variations = try vary.map { try StudyVariation(parsing: $0) }
    let shard = try self.shard.map { try StudyShard(parsing: $0) }
    let inputs = traces + packages + [baseline, input, spec].compactMap { $0 }
    let folder = try OutputFolder(path: output, command: "study", inputs: inputs, force: force)
    folder.notes.forEach { Self.note("note: \($0)") }
    let interruption = Interruption.install(command: "study")
    defer { for source in interruption { source.cancel() } }
    let traceSet: TraceSet
    do {
      traceSet = try TraceSet.load(
        paths: traces, format: traceImport.format, options: traceImport.options)
    } catch {
      throw ProtocolInputError(error.description)
    }
    traceSet.notes.forEach(Self.note)
    let scratch = input == nil ? nil : try ScratchFolder(command: "study")
    let plan = try StudyPlan(
      title: "Switch latency study", sweep: try packageSets(scratch: scratch), rttsMs: rtts,
      variations: variations,
      traces: traceSet.traces,
      protocols: protocols, abrs: abrs, options: options, writeTimelines: timelines)
    let total = shard.map { $0.jobs(of: plan).count } ?? plan.sessionCount
    let progress = quiet ? nil : StudyProgress(total: total) { Self.note($0) }
    if let shard {
      try await Study.run(
        plan, shard: shard, writingInto: folder.stagingURL, progress: progress, log: Self.note)
      try folder.commit()
      print(
        "shard \(shard) of \(plan.sessionSummary): \(total) sessions in \(output) (merge with `hesp study merge`)"
      )
      return
    }
    let outcome = try await Study.run(
      plan, writingInto: folder.stagingURL, progress: progress, log: Self.note)
    try folder.commit()
    print(outcome.table)
    print("")
    outcome.notes.forEach { print($0) }
    print("report: \((output as NSString).appendingPathComponent("report.html"))")
  }

  /// `50,100,200` as milliseconds.
  static func parseRTTs(_ text: String, option: String) throws(ProtocolInputError) -> [Double] {
    var values: [Double] = []
    for field in text.split(separator: ",", omittingEmptySubsequences: false) {
      guard let value = Double(field.trimmingCharacters(in: .whitespaces)) else {
        throw ProtocolInputError(
          "\(option): '\(field)' is not a number of milliseconds (e.g. 50,100,200)")
      }
      guard !values.contains(value) else {
        throw ProtocolInputError("\(option): \(field) ms is given twice")
      }
      values.append(value)
    }
    return values
  }

  /// The given packages, or `--input` packaged into a scratch folder first (removed afterwards).
  func packageSets(scratch: ScratchFolder?) throws -> [StudyPackages] {
    if !packages.isEmpty {
      guard input == nil else {
        throw ProtocolInputError("--input: give either --package or --input")
      }
      guard baseline == nil || packages.count == 1 else {
        throw ProtocolInputError(
          "--baseline: give it with one --package (several find PKG/baseline themselves)")
      }
      return try packages.map { try StudyPackages.load(package: $0, baseline: baseline) }
    }
    guard let input, let scratch, let packager = StudyInputPackaging.packager else {
      throw ProtocolInputError("--package: give a package directory or --input VIDEO")
    }
    let made = try packager.packageInput(
      input, duration: duration, ladder: ladder, hespGop: hespGop, segmentDuration: segmentDuration,
      baseline: baseline, workDirectory: scratch.url.path)
    return [try StudyPackages.load(package: made.hesp, baseline: made.baseline)]
  }

  static func note(_ line: String) { Notes.write(line) }
}
