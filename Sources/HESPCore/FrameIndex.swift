/// The per-frame index of a package (`frame-index.json`): the contract between the packager,
/// the verifier and the simulator. Everything the simulator needs to replay a package lives here,
/// so it never reads media files.
///
/// Times are integer ticks of `timescale`; one frame lasts `frameDurationTicks`. Frame numbers
/// start at 0 and are shared by every track (all tracks have the same frame grid).
public struct FrameIndex: Codable, Sendable, Equatable {
  /// Format version of this file; bump on incompatible changes.
  public var formatVersion: Int
  /// Ticks per second of every timestamp in the package (the tracks' media timescale).
  public var timescale: Int
  /// Duration of one frame in ticks (constant frame rate).
  public var frameDurationTicks: Int
  /// Number of frames in every track.
  public var frameCount: Int
  /// Nominal continuation segment duration in frames (the last segment may be shorter).
  public var segmentDurationFrames: Int
  /// Keyframe interval of the continuation streams in frames.
  public var gopFrames: Int
  /// One initialization packet every this many frames (1 = every frame).
  public var initializationIntervalFrames: Int
  /// The renditions, ascending by bitrate.
  public var tracks: [Track]
  /// The audio track, nil when the package has none (`FrameIndex+Audio`).
  public var audio: AudioTrack?

  public init(
    formatVersion: Int = FrameIndex.currentFormatVersion, timescale: Int, frameDurationTicks: Int,
    frameCount: Int, segmentDurationFrames: Int, gopFrames: Int, initializationIntervalFrames: Int,
    tracks: [Track], audio: AudioTrack? = nil
  ) {
    self.formatVersion = formatVersion
    self.timescale = timescale
    self.frameDurationTicks = frameDurationTicks
    self.frameCount = frameCount
    self.segmentDurationFrames = segmentDurationFrames
    self.gopFrames = gopFrames
    self.initializationIntervalFrames = initializationIntervalFrames
    self.tracks = tracks
    self.audio = audio
  }

  public static let currentFormatVersion = 1

  /// Frames per second as a floating-point value (for display and rate arithmetic).
  public var framesPerSecond: Double { Double(timescale) / Double(frameDurationTicks) }

  /// Duration of the content in seconds.
  public var durationSeconds: Double { Double(frameCount * frameDurationTicks) / Double(timescale) }

  /// One rendition: its continuation stream (frames grouped in segments) and its
  /// initialization stream (one packet per frame, or per `initializationIntervalFrames`).
  public struct Track: Codable, Sendable, Equatable {
    /// Track id as in the manifest (`720p`, or `720p-3000k` when heights repeat).
    public var id: String
    public var width: Int
    public var height: Int
    /// The rung's target bitrate (what the ABR sees as the nominal bitrate).
    public var targetBitsPerSecond: Int
    /// Measured mean bitrate of the continuation stream.
    public var averageBitsPerSecond: Int
    /// Measured peak bitrate over any one segment of the continuation stream.
    public var peakBitsPerSecond: Int
    /// Bytes of `header.mp4` (needed once per track before any media of it).
    public var headerByteCount: Int
    /// RFC 6381 codec string (`avc1.64001f`).
    public var codecs: String
    public var frames: [Frame]
    public var segments: [Segment]

    public init(
      id: String, width: Int, height: Int, targetBitsPerSecond: Int, averageBitsPerSecond: Int,
      peakBitsPerSecond: Int, headerByteCount: Int, codecs: String, frames: [Frame],
      segments: [Segment]
    ) {
      self.id = id
      self.width = width
      self.height = height
      self.targetBitsPerSecond = targetBitsPerSecond
      self.averageBitsPerSecond = averageBitsPerSecond
      self.peakBitsPerSecond = peakBitsPerSecond
      self.headerByteCount = headerByteCount
      self.codecs = codecs
      self.frames = frames
      self.segments = segments
    }
  }

  /// One frame of a track.
  public struct Frame: Codable, Sendable, Equatable {
    /// Bytes of this frame's continuation chunk (moof + mdat, after a `prft` when the chunk has
    /// one, as `hesp live` writes them) as stored in its segment.
    public var chunkByteCount: Int
    /// Segment holding the chunk (`content-<segmentId>.m4s`).
    public var segmentId: Int
    /// Byte offset of the chunk inside that segment file: its moof, or its `prft` when it has one
    /// (where an init packet's `initdata` points).
    public var byteOffset: Int
    /// True when the continuation frame is an IDR.
    public var isKeyframe: Bool
    /// Bytes of `init-<n>.m4s` for this frame, header and emsg included; 0 if the init stream
    /// has no packet for this frame.
    public var initPacketByteCount: Int
    /// PSNR of the continuation's luma against the (scaled) source, in dB; nil if not measured.
    public var psnrYDecibels: Double?
    /// Sum of squared differences (Y, Cb and Cr) between the init packet's decoded picture and
    /// the continuation's decoded frame n, as the packager measured it (0 for lossless init
    /// packets); `hesp verify` recomputes it, so changed IDR bytes that still decode are caught.
    /// nil when there is no init packet or it was not measured.
    public var initSquaredErrorSum: Int?

    public init(
      chunkByteCount: Int, segmentId: Int, byteOffset: Int, isKeyframe: Bool,
      initPacketByteCount: Int, psnrYDecibels: Double? = nil, initSquaredErrorSum: Int? = nil
    ) {
      self.chunkByteCount = chunkByteCount
      self.segmentId = segmentId
      self.byteOffset = byteOffset
      self.isKeyframe = isKeyframe
      self.initPacketByteCount = initPacketByteCount
      self.psnrYDecibels = psnrYDecibels
      self.initSquaredErrorSum = initSquaredErrorSum
    }
  }

  /// One continuation segment file.
  public struct Segment: Codable, Sendable, Equatable {
    public var id: Int
    public var firstFrame: Int
    public var frameCount: Int
    /// Bytes of the whole `content-<id>.m4s` file (styp included).
    public var byteCount: Int

    public init(id: Int, firstFrame: Int, frameCount: Int, byteCount: Int) {
      self.id = id
      self.firstFrame = firstFrame
      self.frameCount = frameCount
      self.byteCount = byteCount
    }
  }
}
