import ArgumentParser
import Foundation
import HESPABR
import HESPCore
import HESPSimulator
import HESPTraces

/// `hesp simulate`: replays network traces through a simulated VoD player with Sabre's model.
struct SimulateCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "simulate",
    abstract:
      "Replay network traces through a simulated player (Sabre-exact link, buffer and ABRs).",
    discussion: """
      One trace and one ABR print Sabre's summary lines (same names and numbers as \
      `python3 sabre.py`), then the startup time and every quality switch. Several traces \
      (files or folders) and/or several ABRs (`--abr bola,bolae`) run in parallel on all cores \
      and print a summary table; `--csv FILE` writes one row per trace x ABR.
      ABRs: \(ABRChoice.names.joined(separator: ", ")).
      """)

  @Argument(help: "A package directory (with frame-index.json) instead of --movie.")
  var package: String?

  @Option(help: "A Sabre movie JSON (segment_duration_ms, bitrates_kbps, segment_sizes_bits).")
  var movie: String?

  @Option(name: .long, help: "A trace file or a folder of traces (repeatable).")
  var trace: [String] = []

  @Option(
    help: ArgumentHelp(
      "ABR algorithm(s), comma-separated: \(ABRChoice.names.joined(separator: ", ")). (default: \(BOLAE.name))",
      valueName: "abr,..."),
    transform: { try CommaSeparated($0, parse: SimulateCommand.parseABRs) })
  var abr = CommaSeparated([ABRChoice.bolae], description: BOLAE.name)

  @Option(
    name: .customLong("buffer-size"), help: "Buffer capacity in seconds (Sabre -b; default: 25).")
  var bufferSize: Double?

  @Option(name: .customLong("buffer-s"), help: .hidden)
  var oldBufferS: Double?

  @Flag(help: "Abandon slow downloads (Sabre's default; off = Sabre -noa).")
  var abandon = false

  @Option(help: ArgumentHelp("Segment replacement (Sabre -r).", valueName: "strategy"))
  var replace = ReplacementStrategy.none

  @Option(
    name: .customLong("max-session"),
    help: "Simulated-time limit in seconds (default: 2 x content + 60).")
  var maxSessionSeconds: Double?

  @Option(name: .customLong("gamma-p"), help: "BOLA gamma-p (Sabre -gp).")
  var gammaP: Double = BOLA.defaultGammaP

  @Flag(name: .customLong("abr-basic"), help: "BOLA-BASIC (Sabre -ab).")
  var abrBasic = false

  @Flag(name: .customLong("abr-osc"), help: "BOLA-O oscillation avoidance (Sabre -ao).")
  var abrOsc = false

  @Flag(name: .customLong("no-ibr"), help: "Disable the insufficient-buffer rule (Sabre -noibr).")
  var noIBR = false

  @Option(
    name: .customLong("bba-reservoir"),
    help: "BBA-0 reservoir in seconds (default: \(BufferBasedRule.defaultReservoirMs / 1000)).")
  var bbaReservoir: Double?

  @Option(name: .customLong("bba-reservoir-s"), help: .hidden)
  var oldBBAReservoirS: Double?

  @Option(
    name: .customLong("bba-cushion"),
    help: "BBA-0 cushion in seconds (default: \(BufferBasedRule.defaultCushionMs / 1000)).")
  var bbaCushion: Double?

  @Option(name: .customLong("bba-cushion-s"), help: .hidden)
  var oldBBACushionS: Double?

  @Option(name: .customLong("mpc-horizon"), help: "RobustMPC look-ahead in segments.")
  var mpcHorizon: Int = RobustMPC.defaultHorizon

  @Option(
    name: .customLong("moving-average"),
    help: ArgumentHelp("Throughput estimator (Sabre -ma).", valueName: "estimator"))
  var movingAverage = MovingAverage.ewma

  @Option(
    name: .customLong("half-life"), help: "EWMA half-lives in seconds, comma-separated (Sabre -hl)."
  )
  var halfLife: String = "3,8"

  @Option(
    name: .customLong("window-size"), help: "Sliding-window sizes, comma-separated (Sabre -ws).")
  var windowSize: String = "3"

  @OptionGroup(title: "Trace import") var importArguments: TraceImportArguments

  @Option(
    name: .customLong("rtt-ms"),
    help: "Replace every period's latency (time to first byte) with this many ms.")
  var rttMs: Double?

  @Option(name: .customLong("rtt"), help: .hidden)
  var oldRTT: Double?

  @Option(
    name: .customLong("movie-length"),
    help: "Repeat or cut the movie to this many seconds (Sabre -ml).")
  var movieLengthSeconds: Double?

  @Option(name: .customLong("rampup-threshold"), help: "Ramp-up target quality (Sabre -rmp).")
  var rampupThreshold: Int?

  @Flag(help: "Print Sabre's -v per-segment log before the summary (single session only).")
  var verbose = false

  @Flag(help: "Print JSON instead of text.")
  var json = false

  @Option(help: "Write one CSV row per trace x ABR to this file.")
  var csv: String?

  @Option(
    help: "Repeat every session this many times (benchmarking; results of the first are printed).")
  var repeatCount: Int = 1

  mutating func run() async throws {
    let request = try makeRequest()
    let sessions = request.traces.flatMap { trace in request.choices.map { (trace, $0) } }
    if verbose && (sessions.count > 1 || repeatCount > 1) {
      throw ValidationError("--verbose needs a single trace file, one ABR and no --repeat-count")
    }
    if sessions.count == 1 && repeatCount == 1 {
      let (trace, choice) = sessions[0]
      var configuration = request.configuration
      configuration.verbose = verbose
      let outcome = SegmentSimulation.run(
        movie: request.movie, trace: trace.trace, choice: choice, abrOptions: request.abrOptions,
        configuration: configuration)
      try SimulateOutput.printSingle(
        outcome, trace: trace, choice: choice, movieName: request.movieName, json: json)
      if let csv { try SimulateOutput.writeCSV([(trace, choice, outcome.result)], to: csv) }
      return
    }
    let rows = await SimulateBatch.run(
      sessions: sessions, movie: request.movie, abrOptions: request.abrOptions,
      configuration: request.configuration, repeatCount: max(1, repeatCount))
    if let csv { try SimulateOutput.writeCSV(rows, to: csv) }
    if json {
      try SimulateOutput.printBatchJSON(rows, movieName: request.movieName)
    } else {
      SimulateOutput.printTable(rows, choices: request.choices)
    }
  }
}
