import HESPABR
import HESPCore
import HESPTraces
import Testing

@testable import HESPProtocols

/// The `hesp` protocol: joins and switches through init packets, measured to continuous playback.
@Suite struct HESPSwitchTests {
  func session<A: ABRAlgorithm>(
    _ algorithm: A, latencyMs: Double = 50, frameCount: Int = 30,
    options: ProtocolOptions = ProtocolOptions()
  ) throws -> FrameSimulationSession<A> {
    FrameSimulationSession(
      content: try Synthetic.content(frameCount: frameCount),
      trace: Synthetic.link(latencyMs: latencyMs),
      streamingProtocol: .hesp, algorithm: algorithm, options: options)
  }

  /// Init packet 0 (8,000 bits) arrives at 50 + 8 = 58 ms; the continuation request leaves with
  /// its first bytes (50 ms) and frame 1 arrives at 100 + 4 = 104 ms, before its slot (158 ms).
  @Test func aJoinOnAShortRoundTripPlaysOnWithoutAFreeze() throws {
    var join = try session(FixedQualityRule(quality: 0))
    let result = join.run()
    #expect(result.firstFrameMs == 58)
    #expect(result.startupMs == 58)
    #expect(result.rebufferMs == 0)
  }

  /// With 300 ms to the first byte, init packet 0 arrives at 308 ms but frame 1 only at
  /// 300 + 300 + 4 = 604 ms (one more round trip): the freeze on the first frame belongs to the
  /// startup, which ends when frame 1 is shown (604 ms), and is not rebuffering.
  @Test func aJoinCountsTheSecondRoundTripInItsStartup() throws {
    var join = try session(FixedQualityRule(quality: 0), latencyMs: 300)
    let result = join.run()
    #expect(result.firstFrameMs == 308)
    #expect(result.startupMs == 604)
    #expect(result.rebufferMs == 0)
    #expect(result.rebufferEvents == 0)
  }

  /// A player that knows the continuation offsets requests both at once: frame 1 follows the init
  /// packet on the link (312 ms), before its slot (408 ms).
  @Test func knowingTheContinuationOffsetsSavesTheSecondRoundTrip() throws {
    var options = ProtocolOptions()
    options.hespKnowsContinuationOffsets = true
    var join = try session(FixedQualityRule(quality: 0), latencyMs: 300, options: options)
    let result = join.run()
    #expect(result.firstFrameMs == 308)
    #expect(result.startupMs == 308)
  }

  /// RTT 300 ms, three frames: the switch frame is chosen so that init packet p and continuation
  /// frame p + 1 both arrive before their slots; the switch never freezes, takes at least one
  /// round trip, and lies within one frame slot of its bound.
  @Test func aSwitchOnASustainableLinkNeverFreezesWhateverTheRoundTrip() throws {
    for latency in [20.0, 150, 300, 700] {
      var options = ProtocolOptions()
      options.bufferSizeMs = 3_000
      var run = try session(
        SwitchAtUnitRule(unit: 2), latencyMs: latency, frameCount: 200, options: options)
      let result = run.run()
      let sw = try #require(result.switches.first, "latency \(latency)")
      #expect(result.switches.count == 1)
      #expect(result.rebufferMs == 0, "latency \(latency)")
      let latencyMs = try #require(sw.latencyMs)
      let bound = try #require(sw.boundMs)
      #expect(sw.continuousMs == sw.displayedMs)
      #expect(latencyMs >= latency)
      // both round trips; frame p is shown one slot before p + 1
      #expect(bound >= 2 * latency - 100)
      #expect(
        latencyMs >= bound - 1e-9 && latencyMs < bound + 100,
        "latency \(latency): \(latencyMs) vs \(bound)")
    }
  }

  /// After a replacing switch the ABR still sees the replaced media as buffered (its replacement
  /// is on its way), not the few frames left before the switch frame.
  @Test func theABRCountsReplacedMediaAsOnItsWay() throws {
    var options = ProtocolOptions()
    options.bufferSizeMs = 3_000
    var run = try session(RecordingSwitchRule(), latencyMs: 50, frameCount: 200, options: options)
    _ = run.run()
    let levels = run.abrState.levelsMs
    #expect(levels.count >= 3)
    // The first decision switches with ~3 s buffered; 0.5 s later ~2.5 s still count.
    #expect(levels[0] > 2_500)
    #expect(levels[1] > levels[0] - 600)
  }

  /// An ABR that wants the other rung at every decision: with a 10 s decision interval it gets
  /// at most one switch per 10 s of session time.
  @Test func theDecisionIntervalBoundsHowOftenAnABRCanSwitch() throws {
    var options = ProtocolOptions()
    options.decisionIntervalMs = 10_000
    options.bufferSizeMs = 3_000
    var run = try session(AlternatingRule(), frameCount: 600, options: options)
    let result = run.run()
    #expect(result.switches.count >= 4)
    for (a, b) in zip(result.switches, result.switches.dropFirst()) {
      #expect(b.decisionMs - a.decisionMs >= 10_000 - 1e-6)
    }
  }

  /// Down-switches go at the end of the buffer under `--replace up` and replace under `all`.
  @Test func aDownSwitchReplacesOnlyUnderTheAllPolicy() throws {
    for policy in [ReplacementPolicy.up, .all] {
      var options = ProtocolOptions()
      options.bufferSizeMs = 3_000
      options.replacement = policy
      var run = try session(DownAfterUpRule(), frameCount: 300, options: options)
      let result = run.run()
      let down = try #require(result.switches.first { !$0.isUp })
      #expect(down.replacedBufferedMedia == (policy == .all))
    }
  }
}

/// Track 1 from the first decision on; records the buffer level of every decision.
struct RecordingSwitchRule: ABRAlgorithm {
  struct State: Sendable { var levelsMs: [Double] = [] }
  var initialState: State { State() }
  func decide(_ context: DecisionContext, state: inout State) -> Decision {
    state.levelsMs.append(context.bufferLevelMs)
    return Decision(quality: 1)
  }
}

/// The other rung at every decision.
struct AlternatingRule: ABRAlgorithm {
  struct State: Sendable { var quality = 0 }
  var initialState: State { State() }
  func decide(_ context: DecisionContext, state: inout State) -> Decision {
    state.quality = 1 - state.quality
    return Decision(quality: state.quality)
  }
}

/// Track 1 for the first four decisions, then track 0.
struct DownAfterUpRule: ABRAlgorithm {
  struct State: Sendable { var decisions = 0 }
  var initialState: State { State() }
  func decide(_ context: DecisionContext, state: inout State) -> Decision {
    state.decisions += 1
    return Decision(quality: state.decisions <= 4 ? 1 : 0)
  }
}

/// `ProtocolOptions.recordsDecisions`: every ABR decision with the inputs it was made from, and
/// not a number changed.
@Suite struct DecisionRecordTests {
  @Test func recordedDecisionsShowWhatTheABRSawAndWhatItWanted() throws {
    func run(recording: Bool) throws -> ProtocolSessionResult {
      var options = ProtocolOptions()
      options.recordsDecisions = recording
      var session = FrameSimulationSession(
        content: try Synthetic.content(frameCount: 60), trace: Synthetic.link(latencyMs: 50),
        streamingProtocol: .hesp, algorithm: SwitchAtUnitRule(unit: 2), options: options)
      return session.run()
    }
    let plain = try run(recording: false)
    var recorded = try run(recording: true)
    #expect(plain.decisions == nil)
    let decisions = try #require(recorded.decisions)
    // One decision per 0.5 s decision interval while frames remain.
    #expect(decisions.count >= 5)
    #expect(zip(decisions, decisions.dropFirst()).allSatisfy { $1.timeMs - $0.timeMs >= 499 })
    // The rule wants track 1 from unit 2 on, and the session switches there.
    let first = try #require(decisions.firstIndex { $0.wantedQuality == 1 })
    #expect(decisions[first].quality == 0)
    #expect(decisions.dropFirst(first + 1).allSatisfy { $0.quality == 1 && $0.wantedQuality == 1 })
    #expect(decisions.allSatisfy { $0.bufferLevelMs >= 0 })
    recorded.decisions = nil
    #expect(recorded == plain)
  }
}
