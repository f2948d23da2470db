/// `mvhd` (ISO/IEC 14496-12 §8.2.2), versions 0 and 1.
public struct MovieHeader: Sendable, Equatable {
  public var version: UInt8
  public var timescale: UInt32
  public var duration: UInt64
  public var nextTrackId: UInt32

  public init(_ box: MP4Box, in bytes: [UInt8]) throws {
    let full = try BoxDecoding.fullBoxReader(for: box, type: "mvhd", in: bytes, maximumVersion: 1)
    var reader = full.reader
    let version = full.version
    self.version = version
    try reader.skip(version == 1 ? 16 : 8, "creation/modification time")
    timescale = try reader.u32("timescale")
    duration = version == 1 ? try reader.u64("duration") : UInt64(try reader.u32("duration"))
    try reader.skip(4 + 2 + 10 + 36 + 24, "rate, volume, matrix")
    nextTrackId = try reader.u32("next_track_ID")
    guard timescale > 0 else {
      throw MP4Error(box: "mvhd", byteOffset: box.offset, reason: "timescale is 0")
    }
  }
}
