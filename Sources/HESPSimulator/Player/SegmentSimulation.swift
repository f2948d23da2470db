import HESPABR
import HESPCore
import HESPTraces

/// The segment-level simulator: runs one Sabre-exact VoD session (`SegmentEventSession` on the
/// event queue) with a built-in algorithm chosen by name; `hesp simulate`'s engine, checked
/// against `sabre.py`'s output. HESPProtocols' `FrameSimulation` is the other engine: protocol
/// decisions at frame level, shared with the real player.
public enum SegmentSimulation {
  /// A finished session: its measurements and, when asked for, Sabre's `-v` log.
  public struct Outcome: Sendable {
    public var result: SessionResult
    public var log: [String]
  }

  /// Runs `choice` over `trace` on `movie`. The movie and trace must be valid
  /// (`MovieValidation.validate`, `TraceValidation.validate`).
  public static func run(
    movie: SabreMovie, trace: NetworkTrace, choice: ABRChoice, abrOptions: ABROptions,
    configuration: SessionConfiguration
  ) -> Outcome {
    let ladder = QualityLadder(
      bitratesKbps: movie.bitratesKbps, segmentDurationMs: Double(movie.segmentDurationMs),
      segmentCount: movie.segmentSizesBits.count, segmentSizesBits: movie.segmentSizesBits)
    // One concrete call per algorithm so that each session loop is specialised.
    let o = abrOptions
    let c = configuration
    switch choice {
    case .throughput:
      return run(
        movie: movie, trace: trace, algorithm: ABRChoice.throughput(options: o), configuration: c)
    case .bola:
      let bola = ABRChoice.bola(ladder: ladder, options: o)
      return withTable(
        bola.thresholdTableLines, c,
        run(movie: movie, trace: trace, algorithm: bola, configuration: c))
    case .bolae:
      let bolae = ABRChoice.bolae(ladder: ladder, options: o)
      return withTable(
        bolae.thresholdTableLines, c,
        run(movie: movie, trace: trace, algorithm: bolae, configuration: c))
    case .dynamic:
      let bola = ABRChoice.bola(ladder: ladder, options: o)
      let algorithm = DynamicRule(bola: bola, throughput: ABRChoice.throughput(options: o))
      return withTable(
        bola.thresholdTableLines, c,
        run(movie: movie, trace: trace, algorithm: algorithm, configuration: c))
    case .dynamicdash:
      let bolae = ABRChoice.bolae(ladder: ladder, options: o)
      let algorithm = DynamicDashRule(bola: bolae, throughput: ABRChoice.throughput(options: o))
      return withTable(
        bolae.thresholdTableLines, c,
        run(movie: movie, trace: trace, algorithm: algorithm, configuration: c))
    case .bba:
      return run(movie: movie, trace: trace, algorithm: ABRChoice.bba(options: o), configuration: c)
    case .mpc:
      return run(
        movie: movie, trace: trace, algorithm: RobustMPC(horizon: o.mpcHorizon), configuration: c)
    case .fixed(let quality):
      return run(
        movie: movie, trace: trace, algorithm: FixedQualityRule(quality: quality), configuration: c)
    }
  }

  /// Sabre's BOLA constructors print their threshold table first under `-v`.
  static func withTable(
    _ table: @autoclosure () -> [String], _ configuration: SessionConfiguration, _ outcome: Outcome
  ) -> Outcome {
    guard configuration.verbose else { return outcome }
    var outcome = outcome
    outcome.log = table() + outcome.log
    return outcome
  }

  /// Runs any algorithm (the existential is opened so the session is specialised).
  public static func run<A: ABRAlgorithm>(
    movie: SabreMovie, trace: NetworkTrace, algorithm: A, configuration: SessionConfiguration
  ) -> Outcome {
    var session = SegmentEventSession(
      movie: movie, trace: trace, algorithm: algorithm, configuration: configuration)
    let result = session.run()
    return Outcome(result: result, log: session.log)
  }
}
