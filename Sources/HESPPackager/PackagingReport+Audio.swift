extension PackagingReport {
  /// `report.json` `audio`: the packaged audio track (absent without one).
  public struct Audio: Codable, Sendable, Equatable {
    /// Track id (`audio/<id>/`).
    public var id: String
    public var codecs: String
    /// `passedThrough` (AAC copied) or `encoded` (AAC-LC by libavcodec).
    public var handling: String
    /// Why the source was encoded rather than passed through.
    public var encodedBecause: String?
    /// The source stream's index, codec, rate and channels.
    public var sourceStream: Int
    public var sourceCodec: String
    public var sourceSampleRate: Int
    public var sourceChannelCount: Int
    public var sampleRate: Int
    public var channelCount: Int
    /// ISO 639-2 (`und` when the source does not say).
    public var language: String
    /// The encoder's rate (nil when passed through).
    public var targetBitsPerSecond: Int?
    /// Every continuation byte over the video's duration.
    public var averageBitsPerSecond: Int
    /// The largest rate of a full segment (the manifest's `bandwidth`).
    public var peakBitsPerSecond: Int
    /// AAC frames (= init packets).
    public var frameCount: Int
    public var segmentCount: Int
    /// How far the first packet passed through was moved to play with the first video frame
    /// (positive: it played that much before it in the source).
    public var startShiftMilliseconds: Double
    /// Sum of the samples' durations.
    public var durationSeconds: Double
  }
}
