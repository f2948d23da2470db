import HESPABR
import HESPSimulator
import HESPTraces

/// The frame-level protocol simulator: runs one session of `hesp`, `ll-dash`, `ll-hls` or `dash`
/// with an ABR chosen by name. A `ProtocolCore` makes every decision (the same value the real
/// player drives over HTTP) and `SteppedTraceTransport` carries its actions out one at a time
/// on a `TraceLink`, frame by frame. No event queue: the core's next action is the only pending
/// event. HESPSimulator's `SegmentSimulation` is the other engine: Sabre's segment-level VoD
/// player, exact to `sabre.py`, for `hesp simulate`.
public enum FrameSimulation {
  /// Runs `abr` with `streamingProtocol` over `trace` on `content`. The trace must be valid
  /// (`FrameSimulation.validate(trace:content:)`).
  public static func run(
    content: ProtocolContent, trace: NetworkTrace, streamingProtocol: StreamingProtocol,
    abr: StudyABR,
    abrOptions: ABROptions = ABROptions(), options: ProtocolOptions
  ) -> ProtocolSessionResult {
    struct Simulate: AlgorithmVisitor {
      let content: ProtocolContent
      let trace: NetworkTrace
      let streamingProtocol: StreamingProtocol
      let options: ProtocolOptions
      func visit<A: ABRAlgorithm>(_ algorithm: A) -> ProtocolSessionResult {
        var session = FrameSimulationSession(
          content: content, trace: trace, streamingProtocol: streamingProtocol,
          algorithm: algorithm, options: options)
        return session.run()
      }
    }
    var result = withAlgorithm(
      abr, content: content, streamingProtocol: streamingProtocol, abrOptions: abrOptions,
      options: options,
      Simulate(
        content: content, trace: trace, streamingProtocol: streamingProtocol, options: options))
    result.abrName = abr.description
    return result
  }

  /// The decisions of one session of `streamingProtocol` with `abr`, for a transport other than
  /// the simulator's (the real player): the same core, built with the same ABR, as `run`'s.
  public static func makeDecisions(
    content: ProtocolContent, streamingProtocol: StreamingProtocol, abr: StudyABR,
    abrOptions: ABROptions = ABROptions(), options: ProtocolOptions
  ) -> any ProtocolDecisions {
    struct Make: AlgorithmVisitor {
      let content: ProtocolContent
      let streamingProtocol: StreamingProtocol
      let options: ProtocolOptions
      func visit<A: ABRAlgorithm>(_ algorithm: A) -> any ProtocolDecisions {
        ProtocolCore(
          content: content, streamingProtocol: streamingProtocol, algorithm: algorithm,
          options: options)
      }
    }
    return withAlgorithm(
      abr, content: content, streamingProtocol: streamingProtocol, abrOptions: abrOptions,
      options: options,
      Make(content: content, streamingProtocol: streamingProtocol, options: options))
  }

  /// Runs decisions made by `makeDecisions` over a link replaying `trace`: the simulator's
  /// transport for the core a player drives over HTTP (the same result as `run`).
  public static func simulate(_ decisions: inout any ProtocolDecisions, trace: NetworkTrace)
    -> ProtocolSessionResult
  {
    SteppedTraceTransport.run(&decisions, trace: trace)
  }

  /// Builds `abr` for the session's unit grid and buffer and hands it to `visitor` as its
  /// concrete type (generic code over a concrete ABR is specialised; an existential is not).
  static func withAlgorithm<V: AlgorithmVisitor>(
    _ abr: StudyABR, content: ProtocolContent, streamingProtocol: StreamingProtocol,
    abrOptions: ABROptions,
    options: ProtocolOptions, _ visitor: V
  ) -> V.Output {
    var abrOptions = abrOptions
    // The ABR's buffer capacity: live, the effective target latency but at least two request
    // units (a buffer-based rule cannot work with less than one unit); VoD, the player's buffer.
    let unitMs =
      Double(
        UnitGrid.unitFrames(
          content: content, streamingProtocol: streamingProtocol, options: options))
      * content.frameMs
    let targetMs = ProtocolLatencyFloor.effectiveTargetMs(
      of: streamingProtocol, content: content, options: options)
    abrOptions.bufferSizeMs = options.live ? max(targetMs, 2 * unitMs) : options.bufferSizeMs
    let o = abrOptions
    switch abr {
    case .instantSwitch: return visitor.visit(InstantSwitchRule())
    case .classic(let choice):
      // The ABR is built for the session's own unit grid (segment, part or decision block).
      let grid = UnitGrid.ladder(
        content: content,
        unitFrames: UnitGrid.unitFrames(
          content: content, streamingProtocol: streamingProtocol, options: options))
      switch choice {
      case .throughput: return visitor.visit(ABRChoice.throughput(options: o))
      case .bola: return visitor.visit(ABRChoice.bola(ladder: grid, options: o))
      case .bolae: return visitor.visit(ABRChoice.bolae(ladder: grid, options: o))
      case .dynamic:
        return visitor.visit(
          DynamicRule(
            bola: ABRChoice.bola(ladder: grid, options: o),
            throughput: ABRChoice.throughput(options: o)))
      case .dynamicdash:
        return visitor.visit(
          DynamicDashRule(
            bola: ABRChoice.bolae(ladder: grid, options: o),
            throughput: ABRChoice.throughput(options: o)))
      case .bba: return visitor.visit(ABRChoice.bba(options: o))
      case .mpc: return visitor.visit(RobustMPC(horizon: o.mpcHorizon))
      case .fixed(let quality): return visitor.visit(FixedQualityRule(quality: quality))
      }
    }
  }

  /// Checks a trace against the content: it must be valid and last at least one frame.
  /// - Throws: `ProtocolInputError` naming the trace.
  public static func validate(trace: NetworkTrace, name: String, content: ProtocolContent)
    throws(ProtocolInputError)
  {
    do { try TraceValidation.validate(trace) } catch {
      throw ProtocolInputError("\(name): \(error)")
    }
    let totalMs = trace.periods.reduce(0) { $0 + $1.durationMs }
    guard totalMs >= content.frameMs else {
      throw ProtocolInputError(
        "\(name): the trace lasts \(ProtocolOptions.seconds(totalMs)) s, shorter than one frame (\(ProtocolOptions.seconds(content.frameMs)) s)"
      )
    }
  }
}

/// Receives an ABR as its concrete type (`FrameSimulation.withAlgorithm`).
protocol AlgorithmVisitor {
  associatedtype Output
  func visit<A: ABRAlgorithm>(_ algorithm: A) -> Output
}

/// The request-unit grid of a protocol: frames per segment (`dash`, `ll-dash`), per part
/// (`ll-hls`) or per decision block (`hesp`), and the ABR ladder on that grid.
enum UnitGrid {
  static func unitFrames(
    content: ProtocolContent, streamingProtocol: StreamingProtocol, options: ProtocolOptions
  ) -> Int {
    switch streamingProtocol {
    case .dash, .llDASH: content.segmentFrames
    case .llHLS:
      max(1, min(content.segmentFrames, Int((options.partDurationMs / content.frameMs).rounded())))
    case .hesp: max(1, Int((options.decisionIntervalMs / content.frameMs).rounded()))
    }
  }

  static func ladder(content: ProtocolContent, unitFrames: Int) -> QualityLadder {
    QualityLadder(
      bitratesKbps: content.bitratesKbps, segmentDurationMs: Double(unitFrames) * content.frameMs,
      segmentCount: max(1, content.frameCount / unitFrames))
  }
}
