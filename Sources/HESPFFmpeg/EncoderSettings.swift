/// Settings of one libx264 encode through libavcodec.
public struct EncoderSettings: Sendable, Equatable {
  public static func == (a: EncoderSettings, b: EncoderSettings) -> Bool {
    a.width == b.width && a.height == b.height && a.frameRateNumerator == b.frameRateNumerator
      && a.frameRateDenominator == b.frameRateDenominator && a.gopFrames == b.gopFrames
      && a.preset == b.preset && a.rateControl == b.rateControl
      && a.x264Parameters == b.x264Parameters && a.threadCount == b.threadCount
      && a.everyFrameIsIDR == b.everyFrameIsIDR && a.colour == b.colour
      && a.sampleAspectRatio?.width == b.sampleAspectRatio?.width
      && a.sampleAspectRatio?.height == b.sampleAspectRatio?.height
  }

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
  /// Colour written into the VUI (primaries, transfer, matrix); nil leaves them unspecified.
  /// The range is always limited.
  public var colour: ColourTags?
  /// Pixel aspect ratio written into the VUI (`sar`); nil or 1:1 writes none.
  public var sampleAspectRatio: (width: Int, height: Int)?

  public init(
    width: Int, height: Int, frameRateNumerator: Int, frameRateDenominator: Int, gopFrames: Int,
    preset: String, rateControl: RateControl, x264Parameters: String, threadCount: Int = 0,
    everyFrameIsIDR: Bool = false, colour: ColourTags? = nil,
    sampleAspectRatio: (width: Int, height: Int)? = nil
  ) {
    self.colour = colour
    self.sampleAspectRatio = sampleAspectRatio
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
