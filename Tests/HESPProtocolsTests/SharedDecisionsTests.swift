import HESPABR
import HESPCore
import HESPTraces
import Testing

@testable import HESPProtocols

/// The decisions a real player drives (`FrameSimulation.makeDecisions`, `any
/// ProtocolDecisions`) are the simulator's: the same core, built with the same ABR, gives the
/// same session over the same link, and a copy of a core decides as the original does.
@Suite struct SharedDecisionsTests {
  /// A link that moves between 60 and 200 kbit/s (the ladder is 40 and 80 kbit/s) with 20-150 ms
  /// latency, so every protocol switches both ways.
  static let varyingLink = NetworkTrace(periods: [
    .init(durationMs: 2_000, bandwidthKbps: 200, latencyMs: 20),
    .init(durationMs: 1_500, bandwidthKbps: 60, latencyMs: 150),
    .init(durationMs: 2_500, bandwidthKbps: 150, latencyMs: 60),
  ])

  static let abrs: [StudyABR] = [.classic(.throughput), .classic(.bola), .instantSwitch]

  @Test(arguments: StreamingProtocol.allCases, [false, true])
  func thePlayersDecisionsOverTheSimulatorsLinkGiveTheSimulatorsSession(
    _ proto: StreamingProtocol, live: Bool
  ) throws {
    let content = try ProtocolContent(index: Synthetic.index(frameCount: 200))
    var options = ProtocolOptions()
    options.live = live
    options.bufferSizeMs = 4_000
    var switches = 0
    for abr in Self.abrs {
      let simulated = FrameSimulation.run(
        content: content, trace: Self.varyingLink, streamingProtocol: proto, abr: abr,
        options: options)
      var decisions = FrameSimulation.makeDecisions(
        content: content, streamingProtocol: proto, abr: abr, options: options)
      var driven = FrameSimulation.simulate(&decisions, trace: Self.varyingLink)
      driven.abrName = simulated.abrName
      #expect(driven == simulated, "\(proto) \(abr) live \(live)")
      switches += driven.switches.count
    }
    #expect(switches > 0, "the link makes \(proto) switch")
  }

  /// Mid-session, a copy of the core (the snapshot) asked at the same time with the same link
  /// hint asks for the same action as the original, and both go on alike.
  @Test(arguments: StreamingProtocol.allCases)
  func aSnapshotOfACoreDecidesAsTheCoreDoes(_ proto: StreamingProtocol) throws {
    let content = try ProtocolContent(index: Synthetic.index(frameCount: 60))
    var core = ProtocolCore(
      content: content, streamingProtocol: proto,
      algorithm: ABRChoice.throughput(options: ABROptions()),
      options: ProtocolOptions())
    let hint = LinkHint(latencyMs: 50, bandwidthKbps: 1000)
    var now = 0.0
    var actions = 0
    while actions < 40 {
      var snapshot = core
      let action = core.nextAction(nowMs: now, hint: hint)
      #expect(snapshot.nextAction(nowMs: now, hint: hint) == action)
      #expect(snapshot.context().bufferLevelMs == core.context().bufferLevelMs)
      actions += 1
      // A transport that delivers everything 10 ms after it is asked for.
      now += 10
      switch action {
      case .finish: return
      case .idle(let ms, let full):
        now += ms
        core.didIdle(nowMs: now, ms: ms, bufferFull: full)
      case .open(let track, let frame):
        core.didReceiveInitPacket(
          nowMs: now, track: track, frame: frame,
          bits: content.initBits(track: track, frame: frame), transferMs: 5,
          latencyMs: 5)
        core.didOpenContinuation(nowMs: now, initArrivalMs: now)
      case .continuationFrame(let track, let frame):
        core.didReceiveContinuationFrame(
          nowMs: now, bits: content.chunkBits(track: track, frame: frame), transferMs: 5)
      case .unit(let track, let start, let end):
        if proto == .llDASH {
          for frame in start..<end { core.didReceiveUnitFrame(nowMs: now, frame: frame) }
        } else {
          core.didReceiveUnit(nowMs: now)
        }
        let bits = (start..<end).reduce(0.0) { $0 + content.chunkBits(track: track, frame: $1) }
        core.didFinishUnit(nowMs: now, bits: bits, transferMs: 5, latencyMs: 5)
      }
    }
  }
}
