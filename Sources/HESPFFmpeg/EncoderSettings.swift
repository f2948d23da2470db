/// Settings of one libx264 encode through libavcodec.
public struct EncoderSettings: Sendable, Equatable {
  /// How the encoder spends bits.
  public enum RateControl: Sendable, Equatable {
    /// Average bitrate with a VBV cap (`maxrate`, `bufsize`).
    case bitRate(bitsPerSecond: Int, maxBitsPerSecond: Int, bufferBits: Int)
    /// Constant QP for every frame (`qp`); 0 is lossless (High 4:4:4 Predictive).
    case constantQP(Int)
  }

  /// Picture size the encoder codes (the frames sent must have it).
  public var width: Int
  public var height: Int
  /// Frame rate; timestamps sent and received are frame numbers (time base = 1/frame rate).
  public var frameRateNumerator: Int
  public var frameRateDenominator: Int
  /// Keyframe interval in frames (`keyint` = `min-keyint`).
  public var gopFrames: Int
  /// x264 preset (`veryfast`).
  public var preset: String
  public var rateControl: RateControl
  /// x264 options as `key=value:key=value` (`x264-params`), applied after everything else.
  public var x264Parameters: String
  /// Encoder threads; 0 lets x264 choose.
  public var threadCount: Int
  /// Make every frame an IDR (the initialization stream): frames are sent as forced I frames
  /// with `forced-idr`, so the SPS/PPS stay those of a `gopFrames` encode.
  public var everyFrameIsIDR: Bool

  public init(
    width: Int, height: Int, frameRateNumerator: Int, frameRateDenominator: Int, gopFrames: Int,
    preset: String, rateControl: RateControl, x264Parameters: String, threadCount: Int = 0,
    everyFrameIsIDR: Bool = false
  ) {
    self.width = width
    self.height = height
    self.frameRateNumerator = frameRateNumerator
    self.frameRateDenominator = frameRateDenominator
    self.gopFrames = gopFrames
    self.preset = preset
    self.rateControl = rateControl
    self.x264Parameters = x264Parameters
    self.threadCount = threadCount
    self.everyFrameIsIDR = everyFrameIsIDR
  }
}
