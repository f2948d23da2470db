import HESPCore

/// The rates a track's continuation files give, computed as `hesp package` states them: the
/// average (every segment byte over the duration) and the peak over full segments (a shorter
/// last segment counts only when it is the only one).
struct TrackRates: Equatable {
  var averageBitsPerSecond: Int
  var peakBitsPerSecond: Int

  init(_ track: FrameIndex.Track, index: FrameIndex) {
    func seconds(_ frames: Int) -> Double {
      Double(frames * index.frameDurationTicks) / Double(index.timescale)
    }
    let total = track.segments.reduce(0) { $0 + $1.byteCount }
    let duration = seconds(track.frames.count)
    averageBitsPerSecond = duration > 0 ? Int((Double(total * 8) / duration).rounded()) : 0
    let full = track.segments.filter { $0.frameCount >= index.segmentDurationFrames }
    peakBitsPerSecond =
      (full.isEmpty ? track.segments : full).map { segment in
        Int((Double(segment.byteCount * 8) / seconds(max(1, segment.frameCount))).rounded())
      }.max() ?? 0
  }
}
