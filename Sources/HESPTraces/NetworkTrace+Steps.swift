extension NetworkTrace {
  /// A period placed on the session clock.
  public struct TimedPeriod: Sendable, Equatable {
    /// When the period starts, in ms from the session start.
    public var startMs: Double
    public var period: Period

    public init(startMs: Double, period: Period) {
      self.startMs = startMs
      self.period = period
    }
  }

  /// The periods met from time 0 until `endMs`, looping the trace as Sabre does (for plotting
  /// the bandwidth of a session longer than one pass). The last period is not cut at `endMs`.
  /// - Returns: an empty array when the trace has no periods, no duration, or `endMs <= 0`.
  public func timedPeriods(untilMs endMs: Double) -> [TimedPeriod] {
    guard endMs > 0, durationMs > 0, endMs.isFinite else { return [] }
    var out: [TimedPeriod] = []
    var startMs = 0.0
    while startMs < endMs {
      for period in periods where period.durationMs > 0 {
        out.append(TimedPeriod(startMs: startMs, period: period))
        startMs += period.durationMs
        if startMs >= endMs { break }
      }
    }
    return out
  }
}
