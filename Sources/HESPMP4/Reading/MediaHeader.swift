/// `mdhd` (ISO/IEC 14496-12 §8.4.2), versions 0 and 1.
public struct MediaHeader: Sendable, Equatable {
  /// 0 (32-bit times) or 1 (64-bit).
  public var version: UInt8
  /// Media ticks per second.
  public var timescale: UInt32
  /// In `timescale` ticks; 0 in fragmented files.
  public var duration: UInt64
  /// ISO 639-2/T code, e.g. `"und"`.
  public var language: String

  /// Decodes a `mdhd` box of `bytes`; throws MP4Error naming the box and offset.
  public init(_ box: MP4Box, in bytes: [UInt8]) throws {
    let full = try BoxDecoding.fullBoxReader(for: box, type: "mdhd", in: bytes, maximumVersion: 1)
    var reader = full.reader
    let version = full.version
    self.version = version
    (timescale, duration) = try BoxDecoding.timescaleAndDuration(
      &reader, version: version, box: box)
    let packed = try reader.u16("language")
    language = String(
      [10, 5, 0].map { shift in
        Character(UnicodeScalar(UInt8(((packed >> UInt16(shift)) & 0x1F) + 0x60)))
      })
  }
}
