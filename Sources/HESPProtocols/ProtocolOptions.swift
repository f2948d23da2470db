/// How one protocol session is run (units: ms; rates as multipliers).
public struct ProtocolOptions: Sendable, Equatable, Codable {
  /// Live (frames exist only after their production time) or VoD.
  public var live = false
  /// Live: the latency the player aims at, in ms (capture of a frame to its display).
  public var targetLatencyMs = 1_000.0
  /// Live: play at this rate while the latency is above target and media is buffered
  /// (nil = no catch-up).
  public var catchupRate: Double?
  /// LL-HLS part duration in ms (rounded to whole frames).
  public var partDurationMs = 500.0
  /// Cadence of ABR evaluations in ms: every protocol's ABR is also probed this often (and at
  /// every download), so a switch's decision time is when the ABR first wanted it.
  public var decisionIntervalMs = 500.0
  /// HESP: on a switch, replace buffered frames after the switch frame (fast switching);
  /// without it the switch frame is the first frame not yet downloaded.
  public var replaceBufferedFrames = true
  /// Buffer capacity in ms (VoD; live buffers are bounded by the latency).
  public var bufferSizeMs = 25_000.0
  /// Length of the content in ms: the packaged clip is looped to this length (nil = clip length).
  public var contentDurationMs: Double?
  /// Live: HESP joins at the latest init packet (`now`) instead of the one that puts playback at
  /// the target latency (`now − target`).
  public var hespJoinsAtLiveEdge = false
  /// Live: frames already produced when the session starts, in units of the segment duration.
  public var liveHeadStartSegments = 2.5

  public init() {}
}

extension ProtocolOptions {
  /// Checks the options against the content's frame interval.
  /// - Throws: `ProtocolInputError` naming the option.
  public func validate(frameMs: Double) throws(ProtocolInputError) {
    if live {
      guard targetLatencyMs.isFinite, targetLatencyMs >= frameMs else {
        throw ProtocolInputError(
          "--target-latency: \(targetLatencyMs / 1000) s is below one frame (\(frameMs / 1000) s)")
      }
      if let catchupRate, !(catchupRate.isFinite && catchupRate >= 1 && catchupRate <= 2) {
        throw ProtocolInputError("--catchup: must be between 1 and 2, got \(catchupRate)")
      }
    }
    guard partDurationMs.isFinite, partDurationMs > 0 else {
      throw ProtocolInputError("--part-duration: must be positive, got \(partDurationMs / 1000) s")
    }
    guard decisionIntervalMs.isFinite, decisionIntervalMs > 0 else {
      throw ProtocolInputError("--decision-interval: must be positive, got \(decisionIntervalMs / 1000) s")
    }
    guard bufferSizeMs.isFinite, bufferSizeMs >= frameMs else {
      throw ProtocolInputError("--buffer-size: must be at least one frame, got \(bufferSizeMs / 1000) s")
    }
  }
}
