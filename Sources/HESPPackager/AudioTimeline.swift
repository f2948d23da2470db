/// The package's time grid seen from an audio track of `sampleRate` ticks per second: how many
/// samples the video lasts, and which continuation segment an audio frame starting at a given
/// sample belongs to (segments are aligned with the video's: audio segment s holds the frames
/// that start in video segment s's time span).
struct AudioTimeline: Sendable, Equatable {
  var sampleRate: Int
  var grid: FrameGrid
  var frameCount: Int
  var segmentFrames: Int

  /// Samples of the whole video duration (rounded to the nearest sample).
  var totalSamples: Int {
    let numerator = frameCount * grid.frameDurationTicks * sampleRate
    return (numerator + grid.timescale / 2) / grid.timescale
  }

  /// Video segments (the last one may be shorter).
  var segmentCount: Int { (frameCount + segmentFrames - 1) / segmentFrames }

  /// Samples of one video frame (not an integer in general).
  var samplesPerVideoFrame: Double {
    Double(grid.frameDurationTicks * sampleRate) / Double(grid.timescale)
  }

  /// Samples of one nominal segment.
  var samplesPerSegment: Double { samplesPerVideoFrame * Double(segmentFrames) }

  /// The segment holding an audio frame that starts at `sample` (the last one for anything
  /// beyond the video's end).
  func segment(ofSample sample: Int) -> Int {
    let span = segmentFrames * grid.frameDurationTicks * sampleRate
    return min(segmentCount - 1, max(0, sample * grid.timescale / span))
  }

  /// The video frame during which `sample` plays.
  func videoFrame(ofSample sample: Int) -> Int {
    min(frameCount - 1, max(0, sample * grid.timescale / (grid.frameDurationTicks * sampleRate)))
  }
}
