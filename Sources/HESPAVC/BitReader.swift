/// Reads bits MSB-first from an RBSP (emulation prevention bytes already removed), with the
/// Exp-Golomb codes of H.264 §9.1. Every read past the end throws.
struct BitReader {
  private let bytes: [UInt8]
  private var bitPosition = 0
  /// What errors name, e.g. `"SPS"`.
  private let name: String

  init(_ bytes: [UInt8], name: String) {
    self.bytes = bytes
    self.name = name
  }

  var bitsLeft: Int { bytes.count * 8 - bitPosition }

  mutating func bit() throws -> UInt32 {
    guard bitPosition < bytes.count * 8 else {
      throw AVCError(name, byteOffset: bytes.count, reason: "ends in the middle of a field")
    }
    let byte = bytes[bitPosition >> 3]
    let value = (byte >> (7 - UInt8(bitPosition & 7))) & 1
    bitPosition += 1
    return UInt32(value)
  }

  mutating func bits(_ count: Int) throws -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<count { value = (value << 1) | (try bit()) }
    return value
  }

  mutating func flag() throws -> Bool { try bit() == 1 }

  /// ue(v).
  mutating func unsignedExpGolomb() throws -> UInt32 {
    var leadingZeros = 0
    while try bit() == 0 {
      leadingZeros += 1
      guard leadingZeros < 32 else {
        throw AVCError(
          name, byteOffset: bitPosition >> 3, reason: "Exp-Golomb code longer than 32 bits")
      }
    }
    let suffix = try bits(leadingZeros)
    return UInt32((UInt64(1) << leadingZeros) - 1 + UInt64(suffix))
  }

  /// ue(v) that must not exceed `limit`; throws "`field` N > limit" at the field's byte
  /// (`byteBase` is added for readers that start after a header byte).
  mutating func unsignedExpGolomb(atMost limit: UInt32, _ field: String, byteBase: Int = 0)
    throws -> UInt32
  {
    let value = try unsignedExpGolomb()
    guard value <= limit else {
      throw AVCError(
        name, byteOffset: byteOffset + byteBase, reason: "\(field) \(value) > \(limit)")
    }
    return value
  }

  /// se(v).
  mutating func signedExpGolomb() throws -> Int {
    let code = try unsignedExpGolomb()
    let magnitude = Int((UInt64(code) + 1) / 2)
    return code & 1 == 1 ? magnitude : -magnitude
  }

  /// Bits read so far.
  var bitOffset: Int { bitPosition }

  /// Current byte offset (for error messages).
  var byteOffset: Int { bitPosition >> 3 }
}
