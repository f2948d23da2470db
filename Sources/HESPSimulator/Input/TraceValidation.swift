import HESPTraces

/// Why a trace cannot be replayed, with the JSON path of the offending period.
public struct TraceValidationError: Error, Equatable, CustomStringConvertible {
  public var path: String
  public var reason: String
  public var description: String { "\(path): \(reason)" }
}

/// Checks a trace before a session replays it.
public enum TraceValidation {
  /// Throws on an empty trace, a period of non-positive duration, or a negative or non-finite
  /// bandwidth or latency, and on any value beyond `TraceLimits` (periods of at least 1 ms,
  /// bandwidth up to 100 Gbit/s, latency up to 60 s, one pass up to 7 days), which bound the cost
  /// of a session. An all-zero-bandwidth trace is valid: the session then stalls until its time
  /// limit.
  public static func validate(_ trace: NetworkTrace) throws(TraceValidationError) {
    guard !trace.periods.isEmpty else {
      throw TraceValidationError(path: "$", reason: "the trace has no periods")
    }
    var endMs = 0.0
    for (i, period) in trace.periods.enumerated() {
      guard period.durationMs.isFinite, period.durationMs > 0 else {
        throw TraceValidationError(path: "[\(i)].duration_ms", reason: "must be > 0")
      }
      guard period.bandwidthKbps.isFinite, period.bandwidthKbps >= 0 else {
        throw TraceValidationError(path: "[\(i)].bandwidth_kbps", reason: "must be >= 0")
      }
      guard period.latencyMs.isFinite, period.latencyMs >= 0 else {
        throw TraceValidationError(path: "[\(i)].latency_ms", reason: "must be >= 0")
      }
      endMs += period.durationMs
      if let reason = TraceLimits.durationViolation(period.durationMs)
        ?? TraceLimits.totalDurationViolation(endMs)
      {
        throw TraceValidationError(path: "[\(i)].duration_ms", reason: reason)
      }
      if let reason = TraceLimits.bandwidthViolation(period.bandwidthKbps, scaled: false) {
        throw TraceValidationError(path: "[\(i)].bandwidth_kbps", reason: reason)
      }
      if let reason = TraceLimits.latencyViolation(period.latencyMs) {
        throw TraceValidationError(path: "[\(i)].latency_ms", reason: reason)
      }
    }
  }
}
