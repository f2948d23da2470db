/// Appends big-endian integers and ISO-BMFF boxes to a byte array. Box sizes are patched in
/// when the box is closed; a box larger than 4 GiB gets a 64-bit `largesize`.
struct ByteWriter {
  private(set) var bytes: [UInt8] = []

  init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

  mutating func u8(_ value: UInt8) { bytes.append(value) }

  mutating func u16(_ value: UInt16) {
    bytes.append(UInt8(value >> 8))
    bytes.append(UInt8(value & 0xFF))
  }

  mutating func u24(_ value: UInt32) {
    bytes.append(UInt8((value >> 16) & 0xFF))
    bytes.append(UInt8((value >> 8) & 0xFF))
    bytes.append(UInt8(value & 0xFF))
  }

  mutating func u32(_ value: UInt32) {
    for shift in stride(from: 24, through: 0, by: -8) {
      bytes.append(UInt8((value >> UInt32(shift)) & 0xFF))
    }
  }

  mutating func i32(_ value: Int32) { u32(UInt32(bitPattern: value)) }

  mutating func u64(_ value: UInt64) {
    for shift in stride(from: 56, through: 0, by: -8) {
      bytes.append(UInt8((value >> UInt64(shift)) & 0xFF))
    }
  }

  mutating func bytes(_ data: [UInt8]) { bytes.append(contentsOf: data) }

  mutating func zeros(_ count: Int) { bytes.append(contentsOf: repeatElement(0, count: count)) }

  /// A four-character code; `code` must be 4 ASCII characters (a programming error otherwise).
  mutating func fourCC(_ code: StaticString) {
    precondition(code.utf8CodeUnitCount == 4, "four-character code \(code) is not 4 bytes")
    code.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  /// UTF-8 text followed by a NUL byte.
  mutating func nullTerminated(_ text: String) {
    bytes.append(contentsOf: Array(text.utf8))
    bytes.append(0)
  }

  /// `size, type, body`; the size is computed from what `body` wrote.
  mutating func box(_ type: StaticString, _ body: (inout ByteWriter) -> Void) {
    let start = bytes.count
    u32(0)
    fourCC(type)
    body(&self)
    let size = bytes.count - start
    if size <= Int(UInt32.max) {
      patchU32(at: start, UInt32(size))
    } else {
      patchU32(at: start, 1)
      let largeSize = UInt64(size + 8)
      let sizeBytes = (0..<8).map { UInt8((largeSize >> UInt64(56 - 8 * $0)) & 0xFF) }
      bytes.insert(contentsOf: sizeBytes, at: start + 8)
    }
  }

  /// A FullBox: `size, type, version, flags, body`.
  mutating func fullBox(
    _ type: StaticString, version: UInt8, flags: UInt32, _ body: (inout ByteWriter) -> Void
  ) {
    box(type) { writer in
      writer.u8(version)
      writer.u24(flags)
      body(&writer)
    }
  }

  /// Overwrites 4 bytes already written (e.g. a `trun` data_offset known only later).
  mutating func patchI32(at offset: Int, _ value: Int32) {
    patchU32(at: offset, UInt32(bitPattern: value))
  }

  private mutating func patchU32(at offset: Int, _ value: UInt32) {
    bytes[offset] = UInt8(value >> 24)
    bytes[offset + 1] = UInt8((value >> 16) & 0xFF)
    bytes[offset + 2] = UInt8((value >> 8) & 0xFF)
    bytes[offset + 3] = UInt8(value & 0xFF)
  }
}
