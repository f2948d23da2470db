/// Reads big-endian fields from a byte buffer; every read past the end throws an MP4Error that
/// names the box being decoded and the absolute byte offset.
struct ByteReader {
  private let buffer: [UInt8]
  private(set) var position: Int
  private let end: Int
  private let box: String
  /// Added to positions in error messages (the buffer's offset in the file).
  private let baseOffset: Int

  /// Reads `buffer[range]`; error offsets are `baseOffset + position`.
  init(_ buffer: [UInt8], range: Range<Int>? = nil, box: String, baseOffset: Int = 0) {
    self.buffer = buffer
    let range = range ?? 0..<buffer.count
    self.position = range.lowerBound
    self.end = range.upperBound
    self.box = box
    self.baseOffset = baseOffset
  }

  var remaining: Int { end - position }
  var isAtEnd: Bool { position >= end }
  var absoluteOffset: Int { baseOffset + position }

  private mutating func need(_ count: Int, _ what: String) throws {
    guard count >= 0, count <= remaining else {
      throw MP4Error(
        box: box, byteOffset: absoluteOffset,
        reason: "\(what) needs \(count) bytes, \(remaining) left")
    }
  }

  mutating func u8(_ what: String = "field") throws -> UInt8 {
    try need(1, what)
    defer { position += 1 }
    return buffer[position]
  }

  mutating func u16(_ what: String = "field") throws -> UInt16 {
    UInt16(try uint(2, what))
  }

  mutating func u24(_ what: String = "field") throws -> UInt32 {
    UInt32(try uint(3, what))
  }

  mutating func u32(_ what: String = "field") throws -> UInt32 {
    UInt32(try uint(4, what))
  }

  mutating func i32(_ what: String = "field") throws -> Int32 {
    Int32(bitPattern: try u32(what))
  }

  mutating func u64(_ what: String = "field") throws -> UInt64 {
    try uint(8, what)
  }

  mutating func bytes(_ count: Int, _ what: String = "field") throws -> [UInt8] {
    try need(count, what)
    defer { position += count }
    return Array(buffer[position..<position + count])
  }

  mutating func skip(_ count: Int, _ what: String = "field") throws {
    try need(count, what)
    position += count
  }

  mutating func fourCC(_ what: String = "four-character code") throws -> String {
    FourCC.string(try bytes(4, what))
  }

  /// NUL-terminated UTF-8; throws when no NUL is found before the end or the text is not UTF-8.
  mutating func nullTerminatedString(_ what: String) throws -> String {
    guard let nul = buffer[position..<end].firstIndex(of: 0) else {
      throw MP4Error(box: box, byteOffset: absoluteOffset, reason: "\(what) has no terminating NUL")
    }
    let text = Array(buffer[position..<nul])
    let string = String(decoding: text, as: UTF8.self)
    // Invalid UTF-8 decodes with replacement characters, so the bytes would not round-trip.
    guard Array(string.utf8) == text else {
      throw MP4Error(box: box, byteOffset: absoluteOffset, reason: "\(what) is not UTF-8")
    }
    position = nul + 1
    return string
  }

  /// Everything up to the end of the range.
  mutating func rest() -> [UInt8] {
    defer { position = end }
    return Array(buffer[position..<end])
  }

  private mutating func uint(_ count: Int, _ what: String) throws -> UInt64 {
    try need(count, what)
    var value: UInt64 = 0
    for index in position..<position + count { value = (value << 8) | UInt64(buffer[index]) }
    position += count
    return value
  }
}

/// Four-character codes as Strings: printable ASCII is kept, other bytes become `\xNN`.
enum FourCC {
  static func string(_ bytes: [UInt8]) -> String {
    bytes.map { byte in
      (0x20...0x7E).contains(byte)
        ? String(UnicodeScalar(byte)) : "\\x" + (byte < 16 ? "0" : "") + String(byte, radix: 16)
    }.joined()
  }
}
