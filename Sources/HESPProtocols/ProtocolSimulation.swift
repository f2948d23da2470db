import HESPABR
import HESPSimulator
import HESPTraces

/// Runs one protocol session with an ABR chosen by name.
public enum ProtocolSimulation {
  /// Runs `abr` with `streamingProtocol` over `trace` on `content`. The trace must be valid
  /// (`ProtocolSimulation.validate(trace:content:)`).
  public static func run(
    content: ProtocolContent, trace: NetworkTrace, streamingProtocol: StreamingProtocol, abr: StudyABR,
    abrOptions: ABROptions = ABROptions(), options: ProtocolOptions
  ) -> ProtocolSessionResult {
    var abrOptions = abrOptions
    // The ABR's buffer capacity: live, the effective target latency but at least two request
    // units (a buffer-based rule cannot work with less than one unit); VoD, the player's buffer.
    let unitMs =
      Double(UnitGrid.unitFrames(content: content, streamingProtocol: streamingProtocol, options: options))
      * content.frameMs
    let targetMs = ProtocolLatencyFloor.effectiveTargetMs(of: streamingProtocol, content: content, options: options)
    abrOptions.bufferSizeMs = options.live ? max(targetMs, 2 * unitMs) : options.bufferSizeMs
    func go<A: ABRAlgorithm>(_ algorithm: A) -> ProtocolSessionResult {
      var session = ProtocolSession(
        content: content, trace: trace, streamingProtocol: streamingProtocol, algorithm: algorithm, options: options)
      var result = session.run()
      result.abrName = abr.description
      return result
    }
    let o = abrOptions
    switch abr {
    case .instantSwitch: return go(InstantSwitchRule())
    case .classic(let choice):
      // The ABR is built for the session's own unit grid (segment, part or decision block).
      let grid = UnitGrid.ladder(
        content: content,
        unitFrames: UnitGrid.unitFrames(content: content, streamingProtocol: streamingProtocol, options: options))
      switch choice {
      case .throughput: return go(ABRChoice.throughput(options: o))
      case .bola: return go(ABRChoice.bola(ladder: grid, options: o))
      case .bolae: return go(ABRChoice.bolae(ladder: grid, options: o))
      case .dynamic:
        return go(DynamicRule(bola: ABRChoice.bola(ladder: grid, options: o), throughput: ABRChoice.throughput(options: o)))
      case .dynamicdash:
        return go(
          DynamicDashRule(bola: ABRChoice.bolae(ladder: grid, options: o), throughput: ABRChoice.throughput(options: o)))
      case .bba: return go(ABRChoice.bba(options: o))
      case .mpc: return go(RobustMPC(horizon: o.mpcHorizon))
      case .fixed(let quality): return go(FixedQualityRule(quality: quality))
      }
    }
  }

  /// Checks a trace against the content: it must be valid and last at least one frame.
  /// - Throws: `ProtocolInputError` naming the trace.
  public static func validate(trace: NetworkTrace, name: String, content: ProtocolContent) throws(ProtocolInputError) {
    do { try TraceValidation.validate(trace) } catch { throw ProtocolInputError("\(name): \(error)") }
    let totalMs = trace.periods.reduce(0) { $0 + $1.durationMs }
    guard totalMs >= content.frameMs else {
      throw ProtocolInputError(
        "\(name): the trace lasts \(ProtocolOptions.seconds(totalMs)) s, shorter than one frame (\(ProtocolOptions.seconds(content.frameMs)) s)")
    }
  }
}

/// The request-unit grid of a protocol: frames per segment (`dash`, `ll-dash`), per part
/// (`ll-hls`) or per decision block (`hesp`), and the ABR ladder on that grid.
enum UnitGrid {
  static func unitFrames(content: ProtocolContent, streamingProtocol: StreamingProtocol, options: ProtocolOptions) -> Int {
    switch streamingProtocol {
    case .dash, .llDASH: content.segmentFrames
    case .llHLS: max(1, min(content.segmentFrames, Int((options.partDurationMs / content.frameMs).rounded())))
    case .hesp: max(1, Int((options.decisionIntervalMs / content.frameMs).rounded()))
    }
  }

  static func ladder(content: ProtocolContent, unitFrames: Int) -> QualityLadder {
    QualityLadder(
      bitratesKbps: content.bitratesKbps, segmentDurationMs: Double(unitFrames) * content.frameMs,
      segmentCount: max(1, content.frameCount / unitFrames))
  }
}
