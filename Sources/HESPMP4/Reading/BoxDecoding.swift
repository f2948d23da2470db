/// Shared steps of the typed box decoders: checking the type, reading the FullBox header.
enum BoxDecoding {
  /// A reader over `box`'s payload, after checking that `box` is of `type`.
  static func reader(for box: MP4Box, type: String, in bytes: [UInt8]) throws -> ByteReader {
    guard box.type == type else {
      throw MP4Error(box: box.type, byteOffset: box.offset, reason: "expected a '\(type)' box")
    }
    // Boxes come from MP4BoxParser, but a hand-made MP4Box must not make the decoders trap.
    guard box.offset >= 0, box.headerSize >= 8, box.size >= box.headerSize,
      box.size <= bytes.count - box.offset
    else {
      throw MP4Error(
        box: box.type, byteOffset: box.offset,
        reason:
          "size \(box.size) and header \(box.headerSize) do not fit the \(bytes.count)-byte buffer")
    }
    return ByteReader(bytes, range: box.payloadRange, box: box.type)
  }

  /// A reader positioned after the FullBox version and flags, which are returned too; a version
  /// above `maximumVersion` is rejected.
  static func fullBoxReader(
    for box: MP4Box, type: String, in bytes: [UInt8], maximumVersion: UInt8
  ) throws -> (reader: ByteReader, version: UInt8, flags: UInt32) {
    var reader = try reader(for: box, type: type, in: bytes)
    let version = try reader.u8("version")
    let flags = try reader.u24("flags")
    guard version <= maximumVersion else {
      throw MP4Error(
        box: box.type, byteOffset: box.offset,
        reason:
          "unknown version \(version) (supported: 0\(maximumVersion > 0 ? "-\(maximumVersion)" : ""))"
      )
    }
    return (reader, version, flags)
  }

  /// The creation/modification times (skipped), timescale and duration that open `mvhd` and
  /// `mdhd`: 32-bit times in version 0, 64-bit in version 1. A timescale of 0 is rejected.
  static func timescaleAndDuration(
    _ reader: inout ByteReader, version: UInt8, box: MP4Box
  ) throws -> (timescale: UInt32, duration: UInt64) {
    try reader.skip(version == 1 ? 16 : 8, "creation/modification time")
    let timescale = try reader.u32("timescale")
    let duration = version == 1 ? try reader.u64("duration") : UInt64(try reader.u32("duration"))
    guard timescale > 0 else {
      throw MP4Error(box: box.type, byteOffset: box.offset, reason: "timescale is 0")
    }
    return (timescale, duration)
  }
}
