import HESPABR
import HESPCore
import HESPTraces
import Testing

@testable import HESPProtocols

/// Live sessions on the synthetic package (10 fps, 1 s segments, 1,000 kbit/s, 50 ms latency).
@Suite struct LiveProtocolTests {
  func live(
    _ proto: StreamingProtocol, targetMs: Double = 1_000, catchup: Double? = nil,
    frameCount: Int = 60,
    configure: (inout ProtocolOptions) -> Void = { _ in }
  ) throws -> ProtocolSessionResult {
    var options = ProtocolOptions()
    options.live = true
    options.targetLatencyMs = targetMs
    options.catchupRate = catchup
    configure(&options)
    var session = FrameSimulationSession(
      content: try Synthetic.content(frameCount: frameCount), trace: Synthetic.constantLink,
      streamingProtocol: proto,
      algorithm: FixedQualityRule(quality: 0), options: options)
    return session.run()
  }

  /// 30 frames exist at start (the target plus two segments); the player joins at init packet
  /// 20 (captured at −1,000 ms), shown at 58 ms; later frames arrive 4 ms after production, so
  /// every frame plays 1,058 ms after capture and nothing stalls.
  @Test func aLiveHESPJoinPlaysAtTheTargetLatencyPlusTheJoinTime() throws {
    let result = try live(.hesp)
    #expect(result.startupMs == 58)
    let latency = try #require(result.liveLatency)
    #expect(abs(latency.p50Ms - 1_058) < 1e-9)
    #expect(abs(latency.maxMs - 1_058) < 1e-9)
    #expect(result.rebufferMs == 0)
    #expect(result.framesPlayed == 60 - 20)
    #expect(result.effectiveTargetLatencyMs == 1_000)
  }

  /// Joining at `now`: init packet 29 (the latest produced, captured at −100 ms) shows at 58 ms,
  /// 158 ms after capture; each later frame arrives 4 ms after production, before its slot.
  @Test func aLiveHESPJoinAtTheLiveEdgeStartsAtTheLatestInitPacket() throws {
    let result = try live(.hesp) { $0.hespJoinsAtLiveEdge = true }
    #expect(result.startupMs == 58)
    #expect(result.framesPlayed == 60 - 29)
    let latency = try #require(result.liveLatency)
    #expect(abs(latency.p50Ms - 158) < 1e-9)
    #expect(abs(latency.maxMs - 158) < 1e-9)
    #expect(result.rebufferMs == 0)
  }

  /// Catch-up at 1.1x: the join leaves playback 58 ms behind target; each frame gains 9.1 ms, so
  /// the latency is back within half a frame of the target after a few frames and stays there.
  @Test func catchUpBringsTheLiveLatencyBackToTheTarget() throws {
    let result = try live(.hesp, catchup: 1.1)
    let latency = try #require(result.liveLatency)
    #expect(latency.maxMs == 1_058)
    #expect(latency.p50Ms <= 1_050 && latency.p50Ms > 1_000)
    #expect(result.rebufferMs == 0)
  }

  /// DASH cannot play closer than one segment (it requests a segment once complete): a 0.5 s
  /// target becomes 1 s, said in the result, and no frame plays below it.
  @Test func aDashTargetBelowOneSegmentIsRaisedToTheSegment() throws {
    let result = try live(.dash, targetMs: 500, catchup: 1.1, frameCount: 200)
    #expect(result.effectiveTargetLatencyMs == 1_000)
    let latency = try #require(result.liveLatency)
    #expect(latency.p50Ms >= 1_000)
    // Catch-up never drains the segment that bridges the wait for the next one.
    #expect(result.rebufferMs == 0)
  }

  /// LL-HLS holds back three part targets from the live edge (PART-HOLD-BACK): with 0.5 s parts
  /// a 1 s target becomes 1.5 s.
  @Test func anLLHLSJoinHoldsBackThreeParts() throws {
    let result = try live(.llHLS, catchup: 1.1, frameCount: 200)
    #expect(result.effectiveTargetLatencyMs == 1_500)
    let latency = try #require(result.liveLatency)
    #expect(latency.p50Ms >= 1_500 - 50)
    #expect(result.rebufferMs == 0)
  }

  /// LL-DASH receives each chunk as it is produced: with catch-up it plays close to a 1 s target
  /// (a frame's chunk arrives 4 ms after production), without stalls.
  @Test func anLLDashSessionPlaysCloseToTheTarget() throws {
    let result = try live(.llDASH, catchup: 1.1, frameCount: 300)
    #expect(result.effectiveTargetLatencyMs == 1_000)
    let latency = try #require(result.liveLatency)
    #expect(latency.p50Ms < 1_100)
    #expect(result.rebufferMs == 0)
  }

  /// Live DASH joins the latest complete segment captured at least the target ago and cannot
  /// show a frame before its segment is complete.
  @Test func aLiveDashJoinUsesTheLatestCompleteSegment() throws {
    let result = try live(.dash)
    let latency = try #require(result.liveLatency)
    #expect(latency.p50Ms >= 1_000)
    #expect(result.startupMs == 90)
  }
}
