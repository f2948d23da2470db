/// What the packager needs to know about an input's video stream, read from the container.
public struct VideoStreamInfo: Sendable, Equatable {
  public var codecName: String
  public var width: Int
  public var height: Int
  /// Frame rate as a fraction (`30/1`, `30000/1001`).
  public var frameRateNumerator: Int
  public var frameRateDenominator: Int
  /// Frames announced by the container; nil when it does not say.
  public var announcedFrameCount: Int?
  /// Duration announced by the container in seconds; nil when unknown.
  public var durationSeconds: Double?
  /// `yuv420p`, `yuvj420p`, ...
  public var pixelFormatName: String
  /// The stream's time base (seconds per timestamp tick) as a fraction.
  public var timeBaseNumerator: Int = 1
  public var timeBaseDenominator: Int = 1
  /// Streams of the file that are not this video stream, by kind (`audio`, `subtitle`, `video`;
  /// data and attachment streams are left out): what packaging leaves behind.
  public var otherStreamCounts: [String: Int] = [:]
  /// Rotation, pixel shape, colour, bit depth, field order, cover art.
  public var properties = VideoStreamProperties()

  public init(
    codecName: String, width: Int, height: Int, frameRateNumerator: Int, frameRateDenominator: Int,
    announcedFrameCount: Int?, durationSeconds: Double?, pixelFormatName: String
  ) {
    self.codecName = codecName
    self.width = width
    self.height = height
    self.frameRateNumerator = frameRateNumerator
    self.frameRateDenominator = frameRateDenominator
    self.announcedFrameCount = announcedFrameCount
    self.durationSeconds = durationSeconds
    self.pixelFormatName = pixelFormatName
  }

  public var framesPerSecond: Double { Double(frameRateNumerator) / Double(frameRateDenominator) }
}
