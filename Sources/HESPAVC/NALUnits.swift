/// Conversions between the two H.264 byte-stream forms: Annex B (start codes) and the
/// length-prefixed form MP4 samples carry (AVCC, 4-byte big-endian lengths).
public enum NALUnits {
  /// Annex B (start codes) to 4-byte length-prefixed; input already length-prefixed is an error.
  public static func lengthPrefixed(fromAnnexB bytes: [UInt8]) throws -> [UInt8] {
    joinedLengthPrefixed(try split(annexB: bytes))
  }

  /// NAL units (without start codes) as one 4-byte length-prefixed sample.
  public static func joinedLengthPrefixed(_ units: [[UInt8]]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(units.reduce(0) { $0 + $1.count + 4 })
    for unit in units {
      let count = UInt32(unit.count)
      out += [
        UInt8(count >> 24), UInt8((count >> 16) & 0xFF), UInt8((count >> 8) & 0xFF),
        UInt8(count & 0xFF),
      ]
      out += unit
    }
    return out
  }

  /// Splits an Annex B byte stream into NAL units (without start codes and without trailing
  /// zero bytes). The stream must begin with a start code (`00 00 01` or `00 00 00 01`).
  public static func split(annexB bytes: [UInt8]) throws -> [[UInt8]] {
    guard let first = startCode(in: bytes, from: 0),
      first.position == 0 || bytes[0..<first.position].allSatisfy({ $0 == 0 })
    else {
      throw AVCError(
        "Annex B", byteOffset: 0,
        reason: "does not begin with a start code (already length-prefixed?)")
    }
    var units: [[UInt8]] = []
    var payloadStart = first.position + first.length
    while payloadStart <= bytes.count {
      let next = startCode(in: bytes, from: payloadStart)
      var payloadEnd = next?.position ?? bytes.count
      while payloadEnd > payloadStart && bytes[payloadEnd - 1] == 0 { payloadEnd -= 1 }
      if payloadEnd > payloadStart {
        let unit = Array(bytes[payloadStart..<payloadEnd])
        guard unit[0] & 0x80 == 0 else {
          throw AVCError(
            "Annex B", byteOffset: payloadStart,
            reason: "NAL unit header has forbidden_zero_bit set")
        }
        units.append(unit)
      }
      guard let next else { break }
      payloadStart = next.position + next.length
    }
    guard !units.isEmpty else {
      throw AVCError("Annex B", byteOffset: 0, reason: "contains no NAL unit")
    }
    return units
  }

  /// Splits length-prefixed NAL units (`lengthSize` bytes each, big-endian) as found in MP4 samples.
  public static func split(lengthPrefixed bytes: [UInt8], lengthSize: Int = 4) throws -> [[UInt8]] {
    var units: [[UInt8]] = []
    var position = 0
    while position < bytes.count {
      guard position + lengthSize <= bytes.count else {
        throw AVCError(
          "NAL", byteOffset: position,
          reason: "length field needs \(lengthSize) bytes, \(bytes.count - position) left")
      }
      var length = 0
      for index in 0..<lengthSize { length = (length << 8) | Int(bytes[position + index]) }
      position += lengthSize
      guard length > 0, length <= bytes.count - position else {
        throw AVCError(
          "NAL", byteOffset: position - lengthSize,
          reason: "length \(length) does not fit the \(bytes.count - position) bytes left")
      }
      units.append(Array(bytes[position..<position + length]))
      position += length
    }
    return units
  }

  /// The `nal_unit_type` of each length-prefixed unit (5 IDR slice, 1 non-IDR slice, 6 SEI,
  /// 7 SPS, 8 PPS, 9 access unit delimiter), e.g. to check that a sample holds an IDR.
  public static func unitTypes(lengthPrefixed bytes: [UInt8], lengthSize: Int = 4) throws -> [UInt8]
  {
    try split(lengthPrefixed: bytes, lengthSize: lengthSize).map { $0[0] & 0x1F }
  }

  /// Removes emulation prevention bytes (`00 00 03` -> `00 00`), giving the RBSP.
  public static func rawByteSequencePayload(_ unit: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(unit.count)
    var zeros = 0
    for byte in unit {
      if zeros >= 2 && byte == 3 {
        zeros = 0
        continue
      }
      out.append(byte)
      zeros = byte == 0 ? zeros + 1 : 0
    }
    return out
  }

  /// Inserts emulation prevention bytes into an RBSP (the inverse of `rawByteSequencePayload`):
  /// `03` after every two zero bytes followed by a byte <= 3, and after a final zero byte
  /// (H.264 §7.4.1: only an RBSP ending in cabac_zero_words ends in zero).
  public static func addingEmulationPrevention(_ rbsp: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(rbsp.count + rbsp.count / 64)
    var zeros = 0
    for byte in rbsp {
      if zeros >= 2 && byte <= 3 {
        out.append(3)
        zeros = 0
      }
      out.append(byte)
      zeros = byte == 0 ? zeros + 1 : 0
    }
    if rbsp.last == 0 { out.append(3) }
    return out
  }

  /// The position and length (3 or 4) of the next start code at or after `from`.
  private static func startCode(in bytes: [UInt8], from: Int) -> (position: Int, length: Int)? {
    var index = from
    while index + 2 < bytes.count {
      if bytes[index + 2] > 1 {
        index += 3
      } else if bytes[index] == 0 && bytes[index + 1] == 0 && bytes[index + 2] == 1 {
        if index > from && bytes[index - 1] == 0 { return (index - 1, 4) }
        return (index, 3)
      } else {
        index += 1
      }
    }
    return nil
  }
}
