/// `tfdt` (ISO/IEC 14496-12 §8.8.12), versions 0 (32-bit) and 1 (64-bit).
public struct TrackFragmentDecodeTime: Sendable, Equatable {
  /// 0 (32-bit) or 1 (64-bit, as CMAF writes).
  public var version: UInt8
  /// Decode time of the fragment's first sample, in media timescale ticks.
  public var baseMediaDecodeTime: UInt64

  /// Decodes a `tfdt` box of `bytes`; throws MP4Error naming the box and offset.
  public init(_ box: MP4Box, in bytes: [UInt8]) throws {
    let full = try BoxDecoding.fullBoxReader(for: box, type: "tfdt", in: bytes, maximumVersion: 1)
    var reader = full.reader
    version = full.version
    baseMediaDecodeTime =
      version == 1
      ? try reader.u64("baseMediaDecodeTime") : UInt64(try reader.u32("baseMediaDecodeTime"))
  }
}
