import ArgumentParser
import Foundation
import HESPABR
import HESPCore
import HESPPlayer
import HESPProtocols
import HESPStudy
import HESPTraces
import Synchronization

/// `hesp play URL`: a real HTTP player (keep-alive connection pool) that joins a package served
/// by `hesp serve`, plays it on the wall clock with one protocol and one ABR, its decisions made
/// by the simulator's own code, and reports the session in the study's schema.
struct PlayCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "play",
    abstract:
      "Play a served package over HTTP with the simulator's decisions; report the session as a study does.",
    discussion: """
      URL is the package's manifest (http://HOST:PORT/PKG/manifest.json) or its folder. hesp \
      fetches init packets and the continuation (Range from the initdata offset); dash, ll-dash \
      and ll-hls fetch segments or parts of the baseline package served beside it (PKG/baseline/, \
      or --baseline). Prints the session row (study's sessions.csv columns); --json prints the \
      session, its switches, its ABR decisions and every request (new or warm connection) as \
      JSON; -o DIR writes sessions.csv, switches.csv, results.json, requests.csv and \
      decisions.csv (each ABR decision and its inputs, as hesp study --timelines writes them).
      """)

  @Argument(help: "The manifest URL (or the package folder's URL) on a hesp serve origin.")
  var url: String

  @Option(help: "Delivery protocol: hesp, ll-dash, ll-hls or dash.")
  var `protocol` = StreamingProtocol.hesp.rawValue

  @Option(help: "ABR: \(StudyABR.names.joined(separator: ", ")).")
  var abr = "throughput"

  @Option(
    help:
      "Seconds of content to play, the clip looped (the same as --content-duration, whose default, 60 s as in hesp study, applies without either)."
  )
  var duration: Double?

  @Option(
    help:
      "The baseline package's URL for dash, ll-dash and ll-hls (default: baseline/ beside the manifest)."
  )
  var baseline: String?

  @Option(
    help:
      "Idle keep-alive connections kept open beside those in use (0: open connections only when needed)."
  )
  var prewarm = 2

  @Option(
    help:
      "The trace the network follows (hesp emulate's link): its name goes into the outputs' trace column and it gives the reaction time."
  )
  var trace: String?

  @Option(
    help:
      "The name of the network in the outputs' trace column (default: the --trace's name, else 'network')."
  )
  var traceName: String?

  @OptionGroup var traceImport: TraceImportArguments

  @Flag(help: "Print the session, its switches and its requests as JSON.")
  var json = false

  @Option(
    name: .shortAndLong,
    help:
      "Write sessions.csv, switches.csv, results.json, requests.csv and decisions.csv into this folder."
  )
  var output: String?

  @Flag(help: "Replace an existing output folder written by hesp.")
  var force = false

  @OptionGroup var session: StudySessionArguments

  func validate() throws {
    guard StreamingProtocol(rawValue: `protocol`) != nil else {
      throw ValidationError(
        "--protocol: unknown protocol '\(`protocol`)'; valid protocols: "
          + StreamingProtocol.allCases.map(\.rawValue).joined(separator: ", "))
    }
    if let duration, !(duration.isFinite && duration > 0) {
      throw ValidationError("--duration: must be positive")
    }
    guard (0...8).contains(prewarm) else {
      throw ValidationError("--prewarm: expected 0-8, got \(prewarm)")
    }
  }

  func run() async throws {
    var options = PlayerOptions(url: url)
    options.streamingProtocol = StreamingProtocol(rawValue: `protocol`)!
    let abrs = try StudyABR.parseList(abr)
    guard abrs.count == 1 else {
      throw ProtocolInputError("--abr: give one ABR, got \(abrs.count)")
    }
    options.abr = abrs[0]
    options.options = try session.options()
    if let duration { options.options.contentDurationMs = duration * 1000 }
    options.baselineURL = baseline
    options.prewarmedConnections = prewarm
    if let trace {
      let set = try TraceSet.load(
        paths: [trace], format: traceImport.format, options: traceImport.options)
      guard set.traces.count == 1 else {
        throw ProtocolInputError("--trace: give one trace file, found \(set.traces.count)")
      }
      options.trace = set.traces[0].trace
      options.traceName = set.traces[0].name
    }
    if let traceName { options.traceName = traceName }
    let folder = try output.map {
      try OutputFolder(path: $0, command: "play", inputs: trace.map { [$0] } ?? [], force: force)
    }
    folder?.notes.forEach(Self.note)
    let interruption = folder == nil ? [] : Interruption.install(command: "play")
    defer { for source in interruption { source.cancel() } }
    let settings = options
    let outcome = try await Player.play(settings)
    if let folder {
      var result = outcome.result
      result.decisions = nil
      try SessionFiles.write([result], to: folder.stagingURL)
      try folder.write(Data(PlayReport.requestsCSV(outcome).utf8), to: "requests.csv")
      try folder.write(
        Data(ABRDecisionRecord.csv(outcome.result.decisions ?? []).utf8), to: "decisions.csv")
      try folder.commit()
    }
    if json {
      print(try PlayReport.json(outcome))
    } else {
      print(SessionFiles.sessionsHeader)
      print(SessionFiles.sessionRow(outcome.result))
      Self.note(PlayReport.summary(outcome))
    }
    if let failure = outcome.failure {
      throw CommandFailure("the session stopped early: \(failure)")
    }
  }

  static func note(_ line: String) {
    FileHandle.standardError.write(Data("hesp play: \(line)\n".utf8))
  }
}

extension PlayerError: UserFacingError {}
