/// `tfhd` (ISO/IEC 14496-12 §8.8.7): the fragment's track and its optional defaults.
public struct TrackFragmentHeader: Sendable, Equatable {
  /// tf_flags.
  public var flags: UInt32
  /// track_ID.
  public var trackId: UInt32
  /// base_data_offset (flag 0x01).
  public var baseDataOffset: UInt64?
  /// sample_description_index (flag 0x02).
  public var sampleDescriptionIndex: UInt32?
  /// default_sample_duration (flag 0x08).
  public var defaultSampleDuration: UInt32?
  /// default_sample_size (flag 0x10).
  public var defaultSampleSize: UInt32?
  /// default_sample_flags (flag 0x20).
  public var defaultSampleFlags: UInt32?

  /// Flag 0x020000: offsets are relative to the enclosing `moof`.
  public var isDefaultBaseMoof: Bool { flags & 0x02_0000 != 0 }
  /// Flag 0x010000: the fragment has no samples.
  public var isDurationEmpty: Bool { flags & 0x01_0000 != 0 }

  /// Decodes a `tfhd` box of `bytes`; throws MP4Error naming the box and offset.
  public init(_ box: MP4Box, in bytes: [UInt8]) throws {
    let full = try BoxDecoding.fullBoxReader(for: box, type: "tfhd", in: bytes, maximumVersion: 0)
    var reader = full.reader
    flags = full.flags
    trackId = try reader.u32("track_ID")
    baseDataOffset = flags & 0x01 != 0 ? try reader.u64("base_data_offset") : nil
    sampleDescriptionIndex = flags & 0x02 != 0 ? try reader.u32("sample_description_index") : nil
    defaultSampleDuration = flags & 0x08 != 0 ? try reader.u32("default_sample_duration") : nil
    defaultSampleSize = flags & 0x10 != 0 ? try reader.u32("default_sample_size") : nil
    defaultSampleFlags = flags & 0x20 != 0 ? try reader.u32("default_sample_flags") : nil
  }
}
