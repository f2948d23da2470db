/// `mvhd` (ISO/IEC 14496-12 §8.2.2), versions 0 and 1.
public struct MovieHeader: Sendable, Equatable {
  /// 0 (32-bit times) or 1 (64-bit).
  public var version: UInt8
  /// Movie ticks per second.
  public var timescale: UInt32
  /// In movie ticks; 0 in fragmented files.
  public var duration: UInt64
  /// next_track_ID.
  public var nextTrackId: UInt32

  /// Decodes a `mvhd` box of `bytes`; throws MP4Error naming the box and offset.
  public init(_ box: MP4Box, in bytes: [UInt8]) throws {
    let full = try BoxDecoding.fullBoxReader(for: box, type: "mvhd", in: bytes, maximumVersion: 1)
    var reader = full.reader
    let version = full.version
    self.version = version
    (timescale, duration) = try BoxDecoding.timescaleAndDuration(
      &reader, version: version, box: box)
    try reader.skip(4 + 2 + 10 + 36 + 24, "rate, volume, matrix")
    nextTrackId = try reader.u32("next_track_ID")
  }
}
