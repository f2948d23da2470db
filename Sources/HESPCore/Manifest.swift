import Foundation

/// A HESP manifest (draft-theo-hesp-06 §3.2, `manifestVersion` "2.0.0"), the subset a VoD
/// package with one video Switching Set and at most one audio Switching Set uses. Optional fields are left out of the JSON when nil.
public struct Manifest: Codable, Sendable, Equatable {
  public var availabilityDuration: ScaledValue
  /// ISO 8601 with milliseconds and zone: `2024-04-17T12:00:00.000Z`.
  public var creationDate: String
  /// Seconds after which a player should re-poll the manifest.
  public var fallbackPollRate: Int
  public var manifestVersion: String
  public var presentations: [Presentation]
  /// `vod` or `live`.
  public var streamType: String
  /// Live only (left out of a VoD manifest): the Presentation playing now.
  public var activePresentation: String?
  /// Live only: the newest composition time published.
  public var currentTime: ScaledValue?
  /// Live only: where a player reads the server's clock (a DASH UTCTiming scheme).
  public var timeSource: TimeSource?

  public init(
    availabilityDuration: ScaledValue, creationDate: String, fallbackPollRate: Int,
    manifestVersion: String = Manifest.version, presentations: [Presentation], streamType: String
  ) {
    self.availabilityDuration = availabilityDuration
    self.creationDate = creationDate
    self.fallbackPollRate = fallbackPollRate
    self.manifestVersion = manifestVersion
    self.presentations = presentations
    self.streamType = streamType
  }

  /// `timeSource` of a live manifest: a DASH UTCTiming scheme and its value (a URL).
  public struct TimeSource: Codable, Sendable, Equatable {
    public var scheme: String
    public var value: String
    public init(scheme: String, value: String) {
      self.scheme = scheme
      self.value = value
    }
    /// `urn:mpeg:dash:utc:http-iso:2014`: an HTTP GET answers ISO 8601 time.
    public static let httpISOScheme = "urn:mpeg:dash:utc:http-iso:2014"
  }

  public static let version = "2.0.0"
  /// MIME type of a HESP manifest.
  public static let mediaType = "application/vnd.theo.hesp+json"

  /// A rational number: `value / scale`.
  public struct ScaledValue: Codable, Sendable, Equatable {
    public var value: Int
    public var scale: Int?
    public init(value: Int, scale: Int? = nil) {
      self.value = value
      self.scale = scale
    }
  }

  /// Start (inclusive) and end (exclusive) in `scale` units.
  public struct TimeBounds: Codable, Sendable, Equatable {
    public var startTime: Int?
    public var endTime: Int?
    public var scale: Int?
    public init(startTime: Int?, endTime: Int?, scale: Int?) {
      self.startTime = startTime
      self.endTime = endTime
      self.scale = scale
    }
  }

  public struct Presentation: Codable, Sendable, Equatable {
    public var id: String
    public var timeBounds: TimeBounds
    public var video: [VideoSwitchingSet]
    /// The audio Selection Set; nil (left out of the JSON) without audio (`Manifest+Audio`).
    public var audio: [AudioSwitchingSet]?
    public init(
      id: String, timeBounds: TimeBounds, video: [VideoSwitchingSet],
      audio: [AudioSwitchingSet]? = nil
    ) {
      self.id = id
      self.timeBounds = timeBounds
      self.video = video
      self.audio = audio
    }

    /// `video` and `audio` are optional in the draft (default `[]`).
    public init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      id = try container.decode(String.self, forKey: .id)
      timeBounds = try container.decode(TimeBounds.self, forKey: .timeBounds)
      video = try container.decodeIfPresent([VideoSwitchingSet].self, forKey: .video) ?? []
      audio = try container.decodeIfPresent([AudioSwitchingSet].self, forKey: .audio)
    }
  }

  public struct VideoSwitchingSet: Codable, Sendable, Equatable {
    public var id: String
    public var tracks: [VideoTrack]
    public var continuationPattern: String?
    public var initializationPattern: String?
    public var frameRate: ScaledValue?
    public var mimeType: String?
    public init(
      id: String, tracks: [VideoTrack], continuationPattern: String?,
      initializationPattern: String?,
      frameRate: ScaledValue?, mimeType: String?
    ) {
      self.id = id
      self.tracks = tracks
      self.continuationPattern = continuationPattern
      self.initializationPattern = initializationPattern
      self.frameRate = frameRate
      self.mimeType = mimeType
    }
  }

  public struct VideoTrack: Codable, Sendable, Equatable {
    /// Peak bits per second (no segment exceeds it).
    public var bandwidth: Int
    public var id: String
    public var resolution: Resolution
    public var segments: [SegmentReference]
    public var averageBandwidth: Int?
    public var baseUrl: String?
    public var codecs: String?
    public var frameRate: ScaledValue?
    public var segmentDuration: ScaledValue?
    public var startSegmentId: Int?
    public var startSequenceNumber: Int?
    /// Extension (ignored by HESP clients): one init packet every this many frames.
    public var initializationInterval: Int?

    public init(
      bandwidth: Int, id: String, resolution: Resolution, segments: [SegmentReference],
      averageBandwidth: Int?, baseUrl: String?, codecs: String?, frameRate: ScaledValue?,
      segmentDuration: ScaledValue?, startSegmentId: Int?, startSequenceNumber: Int?,
      initializationInterval: Int?
    ) {
      self.bandwidth = bandwidth
      self.id = id
      self.resolution = resolution
      self.segments = segments
      self.averageBandwidth = averageBandwidth
      self.baseUrl = baseUrl
      self.codecs = codecs
      self.frameRate = frameRate
      self.segmentDuration = segmentDuration
      self.startSegmentId = startSegmentId
      self.startSequenceNumber = startSequenceNumber
      self.initializationInterval = initializationInterval
    }
  }

  public struct Resolution: Codable, Sendable, Equatable {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) {
      self.width = width
      self.height = height
    }
  }

  /// `SegmentType`: a continuation segment known when the manifest was written.
  public struct SegmentReference: Codable, Sendable, Equatable {
    public var id: Int
    public init(id: Int) { self.id = id }
  }

  /// The manifest as JSON: pretty-printed, sorted keys (byte-identical for equal manifests).
  public func jsonData() throws -> Data {
    try CanonicalJSON.data(self)
  }

  /// Formats a date as the draft's DateTime (`YYYY-MM-DDThh:mm:ss.mmmZ`, UTC).
  public static func dateTime(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: date)
  }

  /// Resolves `pattern` for one id: `{initId}` / `{segmentId}` with optional `:0Nd` padding.
  public static func expand(_ pattern: String, placeholder: String, with number: Int) -> String {
    var result = pattern
    while let open = result.range(of: "{\(placeholder)") {
      guard let close = result[open.upperBound...].firstIndex(of: "}") else { break }
      let format = result[open.upperBound..<close]
      var text = String(number)
      if format.hasPrefix(":0"), format.hasSuffix("d"),
        let width = Int(format.dropFirst(2).dropLast())
      {
        text = String(repeating: "0", count: max(0, width - text.count)) + text
      }
      result.replaceSubrange(open.lowerBound...close, with: text)
    }
    return result
  }
}
