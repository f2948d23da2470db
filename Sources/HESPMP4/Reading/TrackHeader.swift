/// `tkhd` (ISO/IEC 14496-12 §8.3.2), versions 0 and 1.
public struct TrackHeader: Sendable, Equatable {
  /// 0 (32-bit times) or 1 (64-bit).
  public var version: UInt8
  /// 1 enabled, 2 in movie, 4 in preview.
  public var flags: UInt32
  /// track_ID.
  public var trackId: UInt32
  /// In movie ticks; 0 in fragmented files.
  public var duration: UInt64
  /// Width and height as stored: 16.16 fixed point.
  public var widthFixed16: UInt32
  /// Height as stored: 16.16 fixed point.
  public var heightFixed16: UInt32

  /// Width in pixels (integer part of the 16.16 value).
  public var width: Int { Int(widthFixed16 >> 16) }
  /// Height in pixels (integer part of the 16.16 value).
  public var height: Int { Int(heightFixed16 >> 16) }

  /// Decodes a `tkhd` box of `bytes`; throws MP4Error naming the box and offset.
  public init(_ box: MP4Box, in bytes: [UInt8]) throws {
    let full = try BoxDecoding.fullBoxReader(for: box, type: "tkhd", in: bytes, maximumVersion: 1)
    var reader = full.reader
    let version = full.version
    let flags = full.flags
    self.version = version
    self.flags = flags
    try reader.skip(version == 1 ? 16 : 8, "creation/modification time")
    trackId = try reader.u32("track_ID")
    try reader.skip(4, "reserved")
    duration = version == 1 ? try reader.u64("duration") : UInt64(try reader.u32("duration"))
    try reader.skip(8 + 2 + 2 + 2 + 2 + 36, "layer, group, volume, matrix")
    widthFixed16 = try reader.u32("width")
    heightFixed16 = try reader.u32("height")
  }
}
