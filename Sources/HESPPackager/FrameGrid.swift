/// The constant-frame-rate time grid of a package: integer ticks per second and per frame.
public struct FrameGrid: Sendable, Equatable {
  public var frameRateNumerator: Int
  public var frameRateDenominator: Int
  /// Media timescale (ticks per second) of every track.
  public var timescale: Int
  public var frameDurationTicks: Int

  /// 30/1 fps -> 15360 ticks/s, 512 per frame (as FFmpeg's mp4 muxer); 30000/1001 -> 30000, 1001.
  public init(frameRateNumerator: Int, frameRateDenominator: Int) {
    self.frameRateNumerator = frameRateNumerator
    self.frameRateDenominator = frameRateDenominator
    if frameRateDenominator == 1 {
      timescale = frameRateNumerator * 512
      frameDurationTicks = 512
    } else {
      timescale = frameRateNumerator
      frameDurationTicks = frameRateDenominator
    }
  }

  public var framesPerSecond: Double { Double(frameRateNumerator) / Double(frameRateDenominator) }

  /// Whole frames in `seconds` (at least 1).
  public func frames(inSeconds seconds: Double) -> Int {
    max(1, Int((seconds * framesPerSecond).rounded()))
  }

  public func decodeTimeTicks(ofFrame frame: Int) -> UInt64 { UInt64(frame * frameDurationTicks) }

  public func seconds(ofFrames frames: Int) -> Double {
    Double(frames * frameDurationTicks) / Double(timescale)
  }
}
