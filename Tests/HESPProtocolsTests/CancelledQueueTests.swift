import HESPABR
import HESPCore
import HESPTraces
import Testing

@testable import HESPProtocols

/// `ProtocolOptions.cancelledQueueRoundTrips`: a switch that closes a streaming continuation
/// waits for that continuation's data still queued at the bottleneck (bandwidth x round trip
/// per round trip) before its init packet's first byte; a join, or a switch while the
/// continuation waits for room in the buffer, finds no queue.
@Suite struct CancelledQueueTests {
  /// 100 kbit/s, 200 ms to the first byte: track 0 (40 kbit/s) streams all session long.
  static let slowLink = NetworkTrace(
    periods: [.init(durationMs: 100_000, bandwidthKbps: 100, latencyMs: 200)])

  func run(roundTrips: Double, trace: NetworkTrace, bufferSizeMs: Double = 25_000) throws
    -> ProtocolSessionResult
  {
    var options = ProtocolOptions()
    options.cancelledQueueRoundTrips = roundTrips
    options.bufferSizeMs = bufferSizeMs
    var session = FrameSimulationSession(
      content: try Synthetic.content(frameCount: 200), trace: trace, streamingProtocol: .hesp,
      algorithm: SwitchAtUnitRule(unit: 2), options: options)
    return session.run()
  }

  /// One round trip of queue at 100 kbit/s and 200 ms is 20,000 bits: 200 ms more before the
  /// init packet, so the switch shows its first frame at least 200 ms later, less the frame
  /// slot it may catch up.
  @Test func aSwitchWhileTheContinuationStreamsWaitsForItsQueuedData() throws {
    let plain = try run(roundTrips: 0, trace: Self.slowLink)
    let queued = try run(roundTrips: 1, trace: Self.slowLink)
    let plainLatency = try #require(plain.switches.first?.latencyMs)
    let queuedLatency = try #require(queued.switches.first?.latencyMs)
    #expect(plain.switches.count == 1 && queued.switches.count == 1)
    #expect(queuedLatency >= plainLatency + 200 - 100, "\(plainLatency) -> \(queuedLatency)")
    #expect(queuedLatency <= plainLatency + 200 + 2 * 100, "\(plainLatency) -> \(queuedLatency)")
    let twice = try run(roundTrips: 2, trace: Self.slowLink)
    #expect(try #require(twice.switches.first?.latencyMs) >= queuedLatency + 200 - 100)
  }

  @Test func theJoinClosesNoContinuationAndWaitsForNothing() throws {
    let plain = try run(roundTrips: 0, trace: Self.slowLink)
    let queued = try run(roundTrips: 1, trace: Self.slowLink)
    #expect(queued.firstFrameMs == plain.firstFrameMs)
    #expect(queued.startupMs == plain.startupMs)
  }

  /// At 1,000 kbit/s a 1 s buffer is full long before the switch: the continuation waits for
  /// room (the player stops reading, so the sender stops), and nothing is queued.
  @Test func aSwitchWhileTheBufferIsFullFindsNoQueue() throws {
    let fast = Synthetic.link(latencyMs: 200)
    let plain = try run(roundTrips: 0, trace: fast, bufferSizeMs: 1_000)
    let queued = try run(roundTrips: 1, trace: fast, bufferSizeMs: 1_000)
    #expect(plain.switches.count == 1)
    #expect(queued.switches.map(\.latencyMs) == plain.switches.map(\.latencyMs))
  }

  @Test func aNegativeOrEndlessQueueIsRefusedNamingTheOption() {
    for value in [-1, Double.infinity, 101] {
      var options = ProtocolOptions()
      options.cancelledQueueRoundTrips = value
      do {
        try options.validate(frameMs: 100)
        Issue.record("accepted \(value)")
      } catch {
        #expect(error.description.hasPrefix("--cancelled-queue-round-trips: must be in [0, 100]"))
      }
    }
  }
}
