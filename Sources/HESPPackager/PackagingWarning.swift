import Foundation

/// Something the packager changed in, or left out of, what it was given. Each is printed on
/// stderr (`hesp package: warning: FILE: MESSAGE`) and listed in `report.json` (`warnings`).
public struct PackagingWarning: Codable, Sendable, Equatable, CustomStringConvertible {
  /// `streamsNotPackaged`, `retimed`, `resolutionChange` or `limitBeyondSource`.
  public var code: String
  /// One line, without the file name.
  public var message: String

  public init(code: String, message: String) {
    self.code = code
    self.message = message
  }

  public var description: String { message }

  /// Streams left out of the package: further video streams, audio streams besides the one
  /// packaged (or all of them with `--no-audio`: `audioReason`), subtitles.
  static func streamsNotPackaged(_ counts: [String: Int], audioReason: String) -> [PackagingWarning]
  {
    counts.keys.sorted().compactMap { kind in
      guard let count = counts[kind], count > 0 else { return nil }
      let reason =
        kind == "video"
        ? "only the first video stream is packaged"
        : kind == "audio" ? audioReason : "hesp packages video and audio only"
      return PackagingWarning(
        code: "streamsNotPackaged",
        message: "\(count) \(kind) stream(s) not packaged (\(reason))")
    }
  }

  /// `--frames` / `--duration` asked for more than the source holds.
  static func limitBeyondSource(
    frameLimit: Int?, durationLimitSeconds: Double?, frameCount: Int, grid: FrameGrid
  ) -> PackagingWarning? {
    let seconds = SourceTiming.format(grid.seconds(ofFrames: frameCount), decimals: 3)
    let durationFrames = durationLimitSeconds.map { grid.frames(inSeconds: $0) }
    guard let limit = [frameLimit, durationFrames].compactMap({ $0 }).min(), limit > frameCount
    else { return nil }
    let asked =
      limit == frameLimit
      ? "--frames \(limit)"
      : "--duration \(SourceTiming.format(durationLimitSeconds ?? 0, decimals: 3)) s"
    return PackagingWarning(
      code: "limitBeyondSource",
      message:
        "\(asked) is beyond the source, which has \(frameCount) frame\(frameCount == 1 ? "" : "s") (\(seconds) s): packaged all of them"
    )
  }

  static func resolutionChange(_ change: SourceVideo.ResolutionChange) -> PackagingWarning {
    PackagingWarning(
      code: "resolutionChange",
      message:
        "resolution changes at frame \(change.frame) (\(change.from.width)x\(change.from.height) -> \(change.to.width)x\(change.to.height)): later pictures are scaled to the rungs made for \(change.from.width)x\(change.from.height)"
    )
  }
}

/// How far the source's presentation times are from the constant grid the package uses.
public struct SourceTiming: Codable, Sendable, Equatable {
  /// The container's frame rate that chose the grid (`30/1`, `900000/30269`).
  public var containerFrameRate: String
  /// Frames per second measured from the timestamps (frames - 1 over first to last), nil with
  /// fewer than two timed frames.
  public var measuredFramesPerSecond: Double?
  /// Shortest and longest interval between consecutive frames, milliseconds.
  public var shortestFrameIntervalMilliseconds: Double?
  public var longestFrameIntervalMilliseconds: Double?
  /// The grid: frames per second, ticks per second and per frame.
  public var gridFramesPerSecond: Double
  public var gridTimescale: Int
  public var gridFrameDurationTicks: Int
  /// Largest |source time - grid time| over the packaged frames (both from the first frame).
  public var largestShiftMilliseconds: Double
  public var largestShiftFrame: Int

  /// Measures `seconds` (one per packaged frame, nil where unknown) against `grid`.
  static func measure(
    seconds: [Double?], grid: FrameGrid, containerRate: (Int, Int)
  ) -> SourceTiming {
    let timed = seconds.enumerated().compactMap { index, time in time.map { (index, $0) } }
    let origin = timed.first?.1 ?? 0
    var largest = 0.0
    var largestFrame = 0
    for (index, time) in timed {
      let shift = abs((time - origin) - grid.seconds(ofFrames: index))
      if shift > largest {
        largest = shift
        largestFrame = index
      }
    }
    let intervals = zip(timed, timed.dropFirst()).map { ($1.1 - $0.1) / Double($1.0 - $0.0) }
    var measured: Double?
    if let first = timed.first, let last = timed.last, last.1 > first.1 {
      measured = round3(Double(last.0 - first.0) / (last.1 - first.1))
    }
    return SourceTiming(
      containerFrameRate: "\(containerRate.0)/\(containerRate.1)",
      measuredFramesPerSecond: measured,
      shortestFrameIntervalMilliseconds: intervals.min().map { round3($0 * 1000) },
      longestFrameIntervalMilliseconds: intervals.max().map { round3($0 * 1000) },
      gridFramesPerSecond: round3(grid.framesPerSecond), gridTimescale: grid.timescale,
      gridFrameDurationTicks: grid.frameDurationTicks,
      largestShiftMilliseconds: round3(largest * 1000), largestShiftFrame: largestFrame)
  }

  /// A shift above a millisecond (or one tick of the source's time base) is a retiming.
  func warning(sourceTickSeconds: Double) -> PackagingWarning? {
    guard largestShiftMilliseconds > max(1, sourceTickSeconds * 1000) else { return nil }
    let rate = measuredFramesPerSecond.map { Self.format($0, decimals: 3) + " fps" } ?? "unknown"
    var intervals = ""
    if let shortest = shortestFrameIntervalMilliseconds,
      let longest = longestFrameIntervalMilliseconds
    {
      intervals =
        ", frame intervals \(Self.format(shortest, decimals: 1)) to \(Self.format(longest, decimals: 1)) ms"
    }
    return PackagingWarning(
      code: "retimed",
      message:
        "variable frame rate (source \(rate)\(intervals)) retimed onto a constant \(Self.format(gridFramesPerSecond, decimals: 3)) fps grid (container rate \(containerFrameRate), timescale \(gridTimescale)): timestamps moved by up to \(Self.format(largestShiftMilliseconds, decimals: 1)) ms (frame \(largestShiftFrame))"
    )
  }

  static func round3(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

  /// `value` with at most `decimals` decimals and no trailing zeros (`19`, `29.733`, `0.5`).
  static func format(_ value: Double, decimals: Int) -> String {
    var text = String(format: "%.\(decimals)f", value)
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    return text
  }
}
