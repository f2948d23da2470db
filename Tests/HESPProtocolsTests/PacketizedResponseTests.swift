import HESPABR
import HESPCore
import HESPTraces
import Testing

@testable import HESPProtocols

/// `ProtocolOptions.packetPayloadBytes`: on a packet link a piece of a response (a continuation
/// frame, an LL-DASH chunk) is seen when the packet holding its last byte arrives, and that
/// packet brings the next piece's first bytes with it.
@Suite struct PacketizedResponseTests {
  @Test func aPieceIsSeenWithTheWholePacketHoldingItsLastByte() {
    var response = PacketizedResponse(packetPayloadBytes: 1000)
    // 500 bytes: one whole packet (8,000 bits) crosses, 500 bytes of the next piece with it.
    #expect(response.bitsToDeliver(forPieceBits: 4_000, nextPieceReady: true) == 8_000)
    #expect(response.aheadBits == 4_000)
    // The next 300 bytes were in that packet already: seen at once.
    #expect(response.bitsToDeliver(forPieceBits: 2_400, nextPieceReady: true) == 0)
    #expect(response.aheadBits == 1_600)
    // 1,200 bytes, 200 of them there: one more packet.
    #expect(response.bitsToDeliver(forPieceBits: 9_600, nextPieceReady: true) == 8_000)
    #expect(response.aheadBits == 0)
  }

  @Test func withoutANextPieceTheLastPacketLeavesPartlyFilled() {
    var response = PacketizedResponse(packetPayloadBytes: 1000)
    #expect(response.bitsToDeliver(forPieceBits: 4_000, nextPieceReady: false) == 4_000)
    #expect(response.aheadBits == 0)
  }

  @Test func aNewResponseStartsWithNothingAhead() {
    var response = PacketizedResponse(packetPayloadBytes: 1000)
    _ = response.bitsToDeliver(forPieceBits: 4_000, nextPieceReady: true)
    response.restart()
    #expect(response.bitsToDeliver(forPieceBits: 4_000, nextPieceReady: true) == 8_000)
  }

  @Test func zeroBytesIsAFluidLink() {
    var response = PacketizedResponse(packetPayloadBytes: 0)
    #expect(response.bitsToDeliver(forPieceBits: 4_000, nextPieceReady: true) == 4_000)
    #expect(response.aheadBits == 0)
  }

  /// The synthetic link at 1,000 kbit/s and 300 ms: init packet 0 is 8,000 bits (shown at 308
  /// ms). On a fluid link its first byte comes at 300 ms, the continuation request leaves then
  /// and frame 1 (4,000 bits) arrives at 300 + 300 + 4 = 604 ms, which ends the startup. With
  /// 500-byte packets the init packet's first bytes are seen with its first packet, 4 ms later,
  /// so frame 1 arrives at 608 ms. The bytes a session moves are the same.
  @Test func theContinuationRequestLeavesWithTheInitPacketsFirstPacket() throws {
    func run(packetPayloadBytes: Int) throws -> ProtocolSessionResult {
      var options = ProtocolOptions()
      options.packetPayloadBytes = packetPayloadBytes
      var session = FrameSimulationSession(
        content: try Synthetic.content(frameCount: 30), trace: Synthetic.link(latencyMs: 300),
        streamingProtocol: .hesp, algorithm: FixedQualityRule(quality: 0), options: options)
      return session.run()
    }
    let fluid = try run(packetPayloadBytes: 0)
    let packets = try run(packetPayloadBytes: 500)
    #expect(fluid.firstFrameMs == 308 && packets.firstFrameMs == 308)
    #expect(fluid.startupMs == 604)
    #expect(packets.startupMs == 608)
    #expect(packets.downloadedByteCount == fluid.downloadedByteCount)
  }

  @Test func aPacketBeyond64KiBIsRefusedNamingTheOption() {
    var options = ProtocolOptions()
    options.packetPayloadBytes = 70_000
    do {
      try options.validate(frameMs: 100)
      Issue.record("accepted 70,000 bytes")
    } catch {
      #expect(error.description.hasPrefix("--packet-payload-bytes: must be in [0, 65536]"))
    }
  }
}
