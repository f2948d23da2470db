import HESPABR
import HESPCore
import HESPTraces
import Testing

@testable import HESPProtocols

/// Segment protocols on the synthetic package (10 fps, 1 s segments, 1,000 kbit/s, 50 ms).
@Suite struct ProtocolModelTests {
  func run(
    _ proto: StreamingProtocol, switchAtUnit unit: Int, options: ProtocolOptions = ProtocolOptions()
  ) throws
    -> ProtocolSessionResult
  {
    var session = FrameSimulationSession(
      content: try Synthetic.content(), trace: Synthetic.constantLink, streamingProtocol: proto,
      algorithm: SwitchAtUnitRule(unit: unit), options: options)
    return session.run()
  }

  /// Without replacement: segment 0 (40,000 bits) arrives at 50 + 40 = 90 ms and plays from
  /// 90 ms; segment 1 arrives at 180 ms, when the ABR (asked about segment 2) first wants track 1.
  /// Segment 2 starts playing at 90 + 2,000 ms: the switch waits for the end of the buffer,
  /// 2,090 − 180 = 1,910 ms.
  @Test func withoutReplacementADashSwitchWaitsForTheEndOfTheBuffer() throws {
    var options = ProtocolOptions()
    options.replacement = .none
    let result = try run(.dash, switchAtUnit: 2, options: options)
    #expect(result.switches.count == 1)
    let sw = try #require(result.switches.first)
    #expect(sw.frame == 20)
    #expect(!sw.replacedBufferedMedia)
    #expect(abs(sw.decisionMs - 180) < 1e-9)
    #expect(abs(try #require(sw.displayedMs) - 2_090) < 1e-9)
    #expect(abs(try #require(sw.latencyMs) - 1_910) < 1e-9)
    #expect(result.startupMs == 90)
    #expect(result.rebufferMs == 0)
    #expect(result.wastedByteCount == 0)
  }

  /// `--replace up` (the default): at 180 ms segment 1 (frames 10-19) is buffered and plays from
  /// 1,090 ms; segment 1 of track 1 (80,000 bits) can arrive by 180 + 50 + 80 = 310 ms, so it
  /// replaces the buffered one (5,000 B wasted) and the switch displays at 1,090 ms: 910 ms.
  @Test func aDashUpSwitchReplacesFromTheFirstSegmentThatCanStillArriveInTime() throws {
    let result = try run(.dash, switchAtUnit: 2)
    let sw = try #require(result.switches.first)
    #expect(result.switches.count == 1)
    #expect(sw.frame == 10)
    #expect(sw.replacedBufferedMedia)
    #expect(abs(try #require(sw.latencyMs) - 910) < 1e-9)
    #expect(sw.continuousMs == sw.displayedMs)
    #expect(result.wastedByteCount == 5_000)
    #expect(result.rebufferMs == 0)
  }

  /// Parts of 5 frames (20,000 bits, 70 ms each). After part 2 (210 ms) the ABR wants track 1;
  /// without replacement part 3 (frame 15) is not independent and the switch happens at part 4
  /// (frame 20, a keyframe), displayed at 70 + 2,000 ms: 2,070 − 210 = 1,860 ms.
  @Test func anLLHLSSwitchWaitsForAnIndependentPart() throws {
    var options = ProtocolOptions()
    options.replacement = .none
    let result = try run(.llHLS, switchAtUnit: 3, options: options)
    let sw = try #require(result.switches.first)
    #expect(result.switches.count == 1)
    #expect(sw.frame == 20)
    #expect(abs(sw.decisionMs - 210) < 1e-9)
    #expect(abs(try #require(sw.latencyMs) - 1_860) < 1e-9)
  }

  /// LL-DASH in VoD: the first segment's chunks flow after one latency, frame 0 (4,000 bits) is
  /// usable at 54 ms, before the whole segment (90 ms) as DASH would need.
  @Test func anLLDashSegmentIsUsableFromItsFirstChunk() throws {
    var session = FrameSimulationSession(
      content: try Synthetic.content(), trace: Synthetic.constantLink, streamingProtocol: .llDASH,
      algorithm: FixedQualityRule(quality: 0), options: ProtocolOptions())
    let result = session.run()
    #expect(result.startupMs == 54)
    #expect(result.rebufferMs == 0)
    #expect(result.framesPlayed == 30)
  }

  /// The same inputs give the same session, switch for switch.
  @Test func aSessionIsDeterministic() throws {
    for proto in StreamingProtocol.allCases {
      #expect(try run(proto, switchAtUnit: 2) == run(proto, switchAtUnit: 2))
    }
  }
}
