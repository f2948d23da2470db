import HESPCore

/// Turns a package's frame index into the movie a session replays.
public enum PackageMovie {
  /// One level per track (ascending target bitrate), one row per continuation segment: sizes in
  /// bits from each segment's `byteCount`, nominal bitrate = `targetBitsPerSecond` / 1000, segment
  /// duration = `segmentDurationFrames` / fps in ms (rounded to the nearest ms, as Sabre's movie
  /// format holds whole ms).
  public static func movie(from index: FrameIndex) throws(MovieValidationError) -> SabreMovie {
    guard !index.tracks.isEmpty else {
      throw MovieValidationError(path: "tracks", reason: "the package has no tracks")
    }
    guard index.timescale > 0, index.frameDurationTicks > 0, index.segmentDurationFrames > 0 else {
      throw MovieValidationError(
        path: "segmentDurationFrames", reason: "frame timing must be positive")
    }
    let segmentCount = index.tracks[0].segments.count
    for (t, track) in index.tracks.enumerated() where track.segments.count != segmentCount {
      throw MovieValidationError(
        path: "tracks[\(t)].segments",
        reason: "has \(track.segments.count) segments, track 0 has \(segmentCount)")
    }
    // In Double: absurd frame counts or ticks must not overflow an Int.
    let durationMs =
      Double(index.segmentDurationFrames) * Double(index.frameDurationTicks) * 1000
      / Double(index.timescale)
    guard durationMs >= 0.5, durationMs <= SimulationLimits.maximumContentMs else {
      throw MovieValidationError(
        path: "segmentDurationFrames",
        reason: "segment duration of \(durationMs) ms is outside 1 ms...7 days")
    }
    let movie = SabreMovie(
      segmentDurationMs: Int(durationMs.rounded()),
      bitratesKbps: index.tracks.map { Double($0.targetBitsPerSecond) / 1000 },
      segmentSizesBits: (0..<segmentCount).map { i in
        index.tracks.map { Double($0.segments[i].byteCount) * 8 }
      })
    try MovieValidation.validate(movie)
    return movie
  }
}
