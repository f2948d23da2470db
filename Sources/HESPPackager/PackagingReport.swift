/// `report.json` and the `--json` summary: settings, per-track quality and sizes, and cost.
public struct PackagingReport: Codable, Sendable, Equatable {
  public struct Source: Codable, Sendable, Equatable {
    public var path: String
    public var codec: String
    public var width: Int
    public var height: Int
    public var pixelFormat: String
    public var framesPerSecond: Double
    /// Streams left out of the package, by kind (`audio`, `subtitle`, `video`); empty when none.
    public var streamsNotPackaged: [String: Int]
    /// Frames an mp4 edit list hides (decoded for reference, not shown): not packaged, as a
    /// player would not show them.
    public var framesHiddenByEditList: Int
    /// The source's timestamps against the package's constant frame grid.
    public var timing: SourceTiming
    /// Rotation, pixel aspect ratio, colour, field order and cover art: what the source says
    /// and what the package does with each.
    public var properties: SourceProperties
  }

  public struct Settings: Codable, Sendable, Equatable {
    public var ladder: [String]
    public var gopFrames: Int
    public var segmentFrames: Int
    /// nil with `initLossless`.
    public var initQP: Int?
    public var initLossless: Bool
    public var initIntervalFrames: Int
    /// Continuation P pictures rewritten to frame_num 1 + MMCO 5 (`--splice-safe-frame-num`).
    public var spliceSafeFrameNum: Bool
    public var preset: String
    public var continuationX264Parameters: String
    public var initX264Parameters: String
    public var timescale: Int
    public var frameDurationTicks: Int
  }

  public struct Track: Codable, Sendable, Equatable {
    public var id: String
    public var width: Int
    public var height: Int
    /// Pixel aspect ratio of the rung (`1:1`, or the `pasp` written).
    public var pixelAspectRatio: String
    public var codecs: String
    public var targetBitsPerSecond: Int
    /// x264's bitrate: the target less the CMAF container's share (`moof` + `mdat` header per
    /// frame, `styp` per segment), at least half the target.
    public var encoderBitsPerSecond: Int
    /// Every continuation byte (container included) over the duration.
    public var averageBitsPerSecond: Int
    /// (average / target - 1) x 100; beyond +-10 % a `bitrateOffTarget` warning is given.
    public var targetDeviationPercent: Double
    /// The largest rate of a full segment (the manifest's `bandwidth`).
    public var peakBitsPerSecond: Int
    /// PSNR-Y of the continuation's decode against the scaled source, MSE-averaged over frames.
    public var psnrYDecibels: Double
    /// Worst single frame.
    public var psnrYMinimumDecibels: Double
    public var initPacketMeanByteCount: Double
    public var initPacketP95ByteCount: Int
    /// Mean bytes of the continuation's IDR samples.
    public var keyframeSampleMeanByteCount: Double
    /// Mean init IDR sample bytes / mean continuation IDR sample bytes.
    public var initToKeyframeRatio: Double
    /// The whole init stream's rate (all packets, headers included).
    public var initStreamBitsPerSecond: Int
    /// True when init packets use the continuation's header (byte-identical SPS/PPS).
    public var initSharesParameterSets: Bool
  }

  public var source: Source
  public var settings: Settings
  /// What packaging changed or left out (also printed on stderr); empty when nothing.
  public var warnings: [PackagingWarning]
  public var frameCount: Int
  public var durationSeconds: Double
  public var tracks: [Track]
  /// Cost of this run (these vary between runs; everything above is deterministic).
  public var wallSeconds: Double
  public var cpuSeconds: Double
  /// Content seconds packaged per wall-clock second.
  public var speedTimesRealTime: Double
  /// The audio track; nil without one (`PackagingReport+Audio`).
  public var audio: Audio? = nil
  /// The DASH MPD and HLS playlists written beside the HESP manifest (empty when a segment
  /// does not start with a keyframe: `FallbackContent`).
  public var fallbackManifests: [String] = []
}
