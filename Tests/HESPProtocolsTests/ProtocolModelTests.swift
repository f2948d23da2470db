import HESPABR
import HESPCore
import HESPTraces
import Testing

@testable import HESPProtocols

@Suite struct ProtocolModelTests {
  func run(_ proto: StreamingProtocol, switchAtUnit unit: Int, options: ProtocolOptions = ProtocolOptions()) throws
    -> ProtocolSessionResult
  {
    var session = ProtocolSession(
      content: try Synthetic.content(), trace: Synthetic.constantLink, streamingProtocol: proto,
      algorithm: SwitchAtUnitRule(unit: unit), options: options)
    return session.run()
  }

  /// Segment 0 (40,000 bits) arrives at 50 + 40 = 90 ms and plays from 90 ms; segment 1 arrives at
  /// 180 ms, when the ABR (asked about segment 2) first wants track 1. Segment 2 starts playing at
  /// 90 + 2,000 ms: the switch waits for the segment boundary, 2,090 − 180 = 1,910 ms.
  @Test func aDashSwitchWaitsForTheNextSegmentBoundary() throws {
    let result = try run(.dash, switchAtUnit: 2)
    #expect(result.switches.count == 1)
    let sw = try #require(result.switches.first)
    #expect(sw.frame == 20)
    #expect(abs(sw.decisionMs - 180) < 1e-9)
    #expect(abs(try #require(sw.displayedMs) - 2_090) < 1e-9)
    #expect(abs(try #require(sw.latencyMs) - 1_910) < 1e-9)
    #expect(result.startupMs == 90)
    #expect(result.rebufferMs == 0)
  }

  /// Parts of 5 frames (20,000 bits, 70 ms each). After part 2 (210 ms) the ABR wants track 1, but
  /// part 3 (frame 15) is not independent; the switch happens at part 4 (frame 20, a keyframe),
  /// displayed at 70 + 2,000 ms: 2,070 − 210 = 1,860 ms.
  @Test func anLLHLSSwitchWaitsForAnIndependentPart() throws {
    let result = try run(.llHLS, switchAtUnit: 3)
    let sw = try #require(result.switches.first)
    #expect(result.switches.count == 1)
    #expect(sw.frame == 20)
    #expect(abs(sw.decisionMs - 210) < 1e-9)
    #expect(abs(try #require(sw.latencyMs) - 1_860) < 1e-9)
  }

  /// Join: init packet 0 (8,000 bits) at 50 + 8 = 58 ms; the continuation's first byte 50 ms after
  /// the init packet's, at 100 ms; frames then take 4 ms each. Decisions every 5 frames: at
  /// 140 ms (frames 1-10 fetched) the ABR wants track 1. Frame 1 plays at 158 ms, before init
  /// packet 1 of track 1 (16,000 bits) could arrive (140 + 50 + 16 = 206 ms), so the switch frame
  /// is 2 (slot 258 ms): frames 2-10 of track 0 are dropped (9 × 500 B wasted). Latency
  /// 258 − 140 = 118 ms; the physical bound is 50 + 16 + 100 = 166 ms.
  @Test func anHESPSwitchTakesTheInitPacketAtTheNextReachableFrame() throws {
    let result = try run(.hesp, switchAtUnit: 2)
    #expect(result.startupMs == 58)
    let sw = try #require(result.switches.first)
    #expect(result.switches.count == 1)
    #expect(sw.frame == 2)
    #expect(abs(sw.decisionMs - 140) < 1e-9)
    #expect(abs(try #require(sw.displayedMs) - 258) < 1e-9)
    #expect(abs(try #require(sw.boundMs) - 166) < 1e-9)
    #expect(sw.initPacketByteCount == 2000)
    #expect(result.wastedByteCount == 4500)
    #expect(result.initPacketByteCount == 3000)
    #expect(result.rebufferMs == 0)
  }

  /// Without replacement the switch frame is the first frame not downloaded (11), which plays at
  /// 58 + 1,100 ms: the buffer, not the protocol, sets the latency.
  @Test func withoutReplacementAnHESPSwitchWaitsForTheBuffer() throws {
    var options = ProtocolOptions()
    options.replaceBufferedFrames = false
    let result = try run(.hesp, switchAtUnit: 2, options: options)
    let sw = try #require(result.switches.first)
    #expect(sw.frame == 11)
    #expect(abs(try #require(sw.displayedMs) - 1_158) < 1e-9)
    #expect(result.wastedByteCount == 0)
  }

  /// Live, 1 s target: 25 frames exist at start (2.5 segments); the player joins at init packet
  /// 15 (captured at −1,000 ms), displayed at 58 ms; later frames arrive 4 ms after production,
  /// so every frame plays 1,058 ms after capture and nothing stalls.
  @Test func aLiveHESPJoinPlaysAtTheTargetLatencyPlusTheJoinTime() throws {
    var options = ProtocolOptions()
    options.live = true
    options.targetLatencyMs = 1_000
    var session = ProtocolSession(
      content: try Synthetic.content(frameCount: 60), trace: Synthetic.constantLink, streamingProtocol: .hesp,
      algorithm: FixedQualityRule(quality: 0), options: options)
    let result = session.run()
    #expect(result.startupMs == 58)
    let latency = try #require(result.liveLatency)
    #expect(abs(latency.p50Ms - 1_058) < 1e-9)
    #expect(abs(latency.maxMs - 1_058) < 1e-9)
    #expect(result.rebufferMs == 0)
    #expect(result.framesPlayed == 60 - 15)
  }

  /// Live DASH joins the latest complete segment (segment 1, frames 10-19, captured from
  /// −1,500 ms) and cannot display a frame before its segment is complete.
  @Test func aLiveDashJoinUsesTheLatestCompleteSegment() throws {
    var options = ProtocolOptions()
    options.live = true
    var session = ProtocolSession(
      content: try Synthetic.content(frameCount: 60), trace: Synthetic.constantLink, streamingProtocol: .dash,
      algorithm: FixedQualityRule(quality: 0), options: options)
    let result = session.run()
    #expect(result.startupMs == 90)
    let latency = try #require(result.liveLatency)
    // Segment 1 plays from 90 ms: frame 10 was captured at −1,500 ms.
    #expect(abs(latency.p50Ms - 1_590) < 1e-9 || latency.p50Ms > 1_590)
    #expect(latency.maxMs >= 1_590)
  }

  /// Joining at `now`: init packet 24 (the latest produced, captured at −100 ms) displays at
  /// 58 ms, a latency of 158 ms; frame 25 is produced at 100 ms and arrives 4 ms later, before its
  /// slot (158 ms): every frame plays 158 ms after capture, nothing stalls.
  @Test func aLiveHESPJoinAtTheLiveEdgeStartsAtTheLatestInitPacket() throws {
    var options = ProtocolOptions()
    options.live = true
    options.hespJoinsAtLiveEdge = true
    var session = ProtocolSession(
      content: try Synthetic.content(frameCount: 60), trace: Synthetic.constantLink, streamingProtocol: .hesp,
      algorithm: FixedQualityRule(quality: 0), options: options)
    let result = session.run()
    #expect(result.startupMs == 58)
    #expect(result.framesPlayed == 60 - 24)
    let latency = try #require(result.liveLatency)
    #expect(abs(latency.p50Ms - 158) < 1e-9)
    #expect(abs(latency.maxMs - 158) < 1e-9)
    #expect(result.rebufferMs == 0)
  }

  /// Catch-up: the join leaves playback 58 ms behind target; at 1.05x each frame gains 4.8 ms,
  /// so after two frames the latency is back within half a frame of the target and stays there.
  @Test func catchUpBringsTheLiveLatencyBackToTheTarget() throws {
    var options = ProtocolOptions()
    options.live = true
    options.catchupRate = 1.05
    var session = ProtocolSession(
      content: try Synthetic.content(frameCount: 60), trace: Synthetic.constantLink, streamingProtocol: .hesp,
      algorithm: FixedQualityRule(quality: 0), options: options)
    let result = session.run()
    let latency = try #require(result.liveLatency)
    #expect(latency.maxMs == 1_058)
    #expect(latency.p50Ms < 1_050 && latency.p50Ms > 1_040)
    #expect(result.rebufferMs == 0)
  }

  /// The same inputs give the same session, switch for switch.
  @Test func aSessionIsDeterministic() throws {
    let first = try run(.hesp, switchAtUnit: 2)
    let second = try run(.hesp, switchAtUnit: 2)
    #expect(first == second)
  }
}
