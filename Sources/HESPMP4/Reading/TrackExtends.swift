/// `trex` (ISO/IEC 14496-12 §8.8.3): per-track defaults for movie fragments.
public struct TrackExtends: Sendable, Equatable {
  public var trackId: UInt32
  public var defaultSampleDescriptionIndex: UInt32
  public var defaultSampleDuration: UInt32
  public var defaultSampleSize: UInt32
  public var defaultSampleFlags: UInt32

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

  public init(_ box: MP4Box, in bytes: [UInt8]) throws {
    var reader = try BoxDecoding.fullBoxReader(for: box, type: "trex", in: bytes, maximumVersion: 0).reader
    trackId = try reader.u32("track_ID")
    defaultSampleDescriptionIndex = try reader.u32("default_sample_description_index")
    defaultSampleDuration = try reader.u32("default_sample_duration")
    defaultSampleSize = try reader.u32("default_sample_size")
    defaultSampleFlags = try reader.u32("default_sample_flags")
  }
}
