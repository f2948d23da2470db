/// `trex` (ISO/IEC 14496-12 §8.8.3): per-track defaults for movie fragments.
public struct TrackExtends: Sendable, Equatable {
  /// track_ID.
  public var trackId: UInt32
  /// default_sample_description_index.
  public var defaultSampleDescriptionIndex: UInt32
  /// default_sample_duration.
  public var defaultSampleDuration: UInt32
  /// default_sample_size.
  public var defaultSampleSize: UInt32
  /// default_sample_flags.
  public var defaultSampleFlags: UInt32

  /// Defaults from their fields.
  public init(
    trackId: UInt32, defaultSampleDescriptionIndex: UInt32 = 1, defaultSampleDuration: UInt32 = 0,
    defaultSampleSize: UInt32 = 0, defaultSampleFlags: UInt32 = 0
  ) {
    self.trackId = trackId
    self.defaultSampleDescriptionIndex = defaultSampleDescriptionIndex
    self.defaultSampleDuration = defaultSampleDuration
    self.defaultSampleSize = defaultSampleSize
    self.defaultSampleFlags = defaultSampleFlags
  }

  /// Decodes a `trex` box of `bytes`; throws MP4Error naming the box and offset.
  public init(_ box: MP4Box, in bytes: [UInt8]) throws {
    var reader = try BoxDecoding.fullBoxReader(for: box, type: "trex", in: bytes, maximumVersion: 0)
      .reader
    trackId = try reader.u32("track_ID")
    defaultSampleDescriptionIndex = try reader.u32("default_sample_description_index")
    defaultSampleDuration = try reader.u32("default_sample_duration")
    defaultSampleSize = try reader.u32("default_sample_size")
    defaultSampleFlags = try reader.u32("default_sample_flags")
  }
}
