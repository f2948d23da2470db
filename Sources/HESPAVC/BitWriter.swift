/// Writes bits MSB-first into an RBSP, with the Exp-Golomb codes of H.264 §9.1: the inverse
/// of `BitReader`, used to re-emit slice headers.
struct BitWriter {
  private(set) var bytes: [UInt8] = []
  /// Bits written so far.
  private(set) var bitCount = 0

  init(reservingCapacity byteCount: Int = 0) { bytes.reserveCapacity(byteCount) }

  var isByteAligned: Bool { bitCount & 7 == 0 }

  mutating func bit(_ value: Bool) {
    if bitCount & 7 == 0 { bytes.append(0) }
    if value { bytes[bytes.count - 1] |= UInt8(0x80) >> UInt8(bitCount & 7) }
    bitCount += 1
  }

  /// The low `count` bits of `value`, most significant first (count <= 32).
  mutating func bits(_ value: UInt32, count: Int) {
    var remaining = count
    while remaining > 0 {
      let free = 8 - (bitCount & 7)
      if free == 8 { bytes.append(0) }
      let take = min(free, remaining)
      let chunk = UInt8(
        truncatingIfNeeded: (UInt64(value) >> UInt64(remaining - take)) & ((1 << UInt64(take)) - 1))
      bytes[bytes.count - 1] |= chunk << UInt8(free - take)
      bitCount += take
      remaining -= take
    }
  }

  /// ue(v), for values below 2^32 - 1.
  mutating func unsignedExpGolomb(_ value: UInt32) {
    precondition(value < UInt32.max, "ue(v) of 2^32 - 1 needs 65 bits")
    let codeNum = value + 1
    let width = 32 - codeNum.leadingZeroBitCount
    bits(0, count: width - 1)
    bits(codeNum, count: width)
  }

  /// Bits `range` of `source` (MSB-first bit positions), copied a byte at a time where possible.
  mutating func copyBits(of source: [UInt8], _ range: Range<Int>) {
    var position = range.lowerBound
    while position < range.upperBound && position & 7 != 0 {
      bit((source[position >> 3] >> UInt8(7 - position & 7)) & 1 == 1)
      position += 1
    }
    while position + 8 <= range.upperBound {
      bits(UInt32(source[position >> 3]), count: 8)
      position += 8
    }
    while position < range.upperBound {
      bit((source[position >> 3] >> UInt8(7 - position & 7)) & 1 == 1)
      position += 1
    }
  }

  /// Whole bytes, when the writer is byte-aligned.
  mutating func append<Bytes: Collection<UInt8>>(alignedBytes: Bytes) {
    precondition(isByteAligned, "append(alignedBytes:) needs a byte-aligned writer")
    bytes.append(contentsOf: alignedBytes)
    bitCount += alignedBytes.count * 8
  }
}
