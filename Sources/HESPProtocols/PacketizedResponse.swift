import HESPSimulator

/// The pieces of one response (a continuation's frames, an LL-DASH segment's chunks) as a
/// packet link delivers them: a piece is seen when the packet holding its last byte has
/// arrived, and that packet already carries the first bytes of the next piece
/// (`ProtocolOptions.packetPayloadBytes`). The link stays busy: the bytes sent ahead are the
/// next piece's, so the response's total time is unchanged; only when each piece is seen moves,
/// by up to one packet's time.
struct PacketizedResponse: Sendable {
  /// Payload bits per packet; 0: fluid (every piece seen at its last bit).
  let packetBits: Double
  /// Bits of the next pieces already delivered with the last packet.
  private(set) var aheadBits = 0.0

  init(packetPayloadBytes: Int) {
    packetBits = Double(max(0, packetPayloadBytes)) * 8
  }

  /// The bits the link must carry before a piece of `bits` is seen (0: it is already there).
  /// `nextPieceReady`: the server has the next piece (VoD, or live behind the edge), so the
  /// piece's last packet is full and carries the next piece's first bytes; otherwise the last
  /// packet leaves partly filled as soon as the piece exists.
  mutating func bitsToDeliver(forPieceBits bits: Double, nextPieceReady: Bool) -> Double {
    guard packetBits > 0 else { return bits }
    let needed = bits - aheadBits
    guard needed > 0 else {
      aheadBits -= bits
      return 0
    }
    guard nextPieceReady else {
      aheadBits = 0
      return needed
    }
    let delivered = (needed / packetBits).rounded(.up) * packetBits
    aheadBits = delivered - needed
    return delivered
  }

  /// Carries a piece of `bits` over `link` until it is seen: the time that took (0: it was
  /// already there), nil when the link's time limit came first.
  mutating func deliver(pieceBits bits: Double, nextPieceReady: Bool, on link: inout TraceLink)
    -> Double?
  {
    let deliveredBits = bitsToDeliver(forPieceBits: bits, nextPieceReady: nextPieceReady)
    return deliveredBits > 0 ? link.transfer(sizeBits: deliveredBits) : 0
  }

  /// A new response: nothing of it has arrived yet.
  mutating func restart() { aheadBits = 0 }
}
