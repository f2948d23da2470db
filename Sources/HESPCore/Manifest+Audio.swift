extension Manifest {
  /// `AudioSwitchingSetType` (draft-06 §3.2): audio Tracks of the same content.
  public struct AudioSwitchingSet: Codable, Sendable, Equatable {
    public var id: String
    /// ISO 639-2 (`und` when the source does not say).
    public var language: String
    public var tracks: [AudioTrack]
    public var channels: Int?
    public var codecs: String?
    public var continuationPattern: String?
    public var initializationPattern: String?
    public var mimeType: String?
    public var sampleRate: Int?
    public var samplesPerFrame: Int?

    public init(
      id: String, language: String, tracks: [AudioTrack], channels: Int?, codecs: String?,
      continuationPattern: String?, initializationPattern: String?, mimeType: String?,
      sampleRate: Int?, samplesPerFrame: Int?
    ) {
      self.id = id
      self.language = language
      self.tracks = tracks
      self.channels = channels
      self.codecs = codecs
      self.continuationPattern = continuationPattern
      self.initializationPattern = initializationPattern
      self.mimeType = mimeType
      self.sampleRate = sampleRate
      self.samplesPerFrame = samplesPerFrame
    }
  }

  /// `AudioTrackType`: one encoding of the audio.
  public struct AudioTrack: Codable, Sendable, Equatable {
    /// Peak bits per second (no full segment exceeds it).
    public var bandwidth: Int
    public var id: String
    public var segments: [SegmentReference]
    public var averageBandwidth: Int?
    public var baseUrl: String?
    public var channels: Int?
    public var codecs: String?
    public var sampleRate: Int?
    public var samplesPerFrame: Int?
    public var segmentDuration: ScaledValue?
    public var startSegmentId: Int?
    public var startSequenceNumber: Int?

    public init(
      bandwidth: Int, id: String, segments: [SegmentReference], averageBandwidth: Int?,
      baseUrl: String?, channels: Int?, codecs: String?, sampleRate: Int?, samplesPerFrame: Int?,
      segmentDuration: ScaledValue?, startSegmentId: Int?, startSequenceNumber: Int?
    ) {
      self.bandwidth = bandwidth
      self.id = id
      self.segments = segments
      self.averageBandwidth = averageBandwidth
      self.baseUrl = baseUrl
      self.channels = channels
      self.codecs = codecs
      self.sampleRate = sampleRate
      self.samplesPerFrame = samplesPerFrame
      self.segmentDuration = segmentDuration
      self.startSegmentId = startSegmentId
      self.startSequenceNumber = startSequenceNumber
    }
  }
}
