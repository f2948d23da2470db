/// The bounds every imported trace must respect. No real trace comes near them; they exist so
/// that an absurd or corrupt file is refused at import (with its file, line and the limit)
/// instead of making a session take unbounded time or memory, or printing `inf`.
///
/// - Periods are at least 1 ms: the finest resolution of any supported format (Mahimahi
///   timestamps are whole ms, the 5G CSV has 1 s rows; Pensieve and CSV times are seconds).
///   A session crosses at most one period per simulated millisecond, so its cost is bounded.
/// - Bandwidth at most 100 Gbit/s, latency at most 60 s per request.
/// - One pass of the trace at most 7 days (a session loops it when it is longer).
/// - Files at most 256 MiB (Sabre JSON: 32 MiB, since it is decoded as a tree).
public enum TraceLimits {
  /// Shortest period: 1 ms.
  public static let minimumPeriodMs = 1.0
  /// Highest bandwidth: 100 Gbit/s = 100,000,000 kbit/s.
  public static let maximumBandwidthKbps = 100_000_000.0
  /// Highest latency (time to first byte): 60 s.
  public static let maximumLatencyMs = 60_000.0
  /// Longest pass through a trace: 7 days.
  public static let maximumDurationMs = 7 * 86_400_000.0
  /// Largest trace file read.
  public static let maximumFileBytes = 256 << 20
  /// Largest Sabre JSON file (its periods are decoded into a JSON tree first).
  public static let maximumJSONBytes = 32 << 20

  /// Why `period` breaks a limit (after the bandwidth scale was applied), or nil.
  /// - Parameters:
  ///   - period: the period as imported.
  ///   - endMs: where the period ends, from the start of the trace.
  ///   - scaled: whether a bandwidth scale other than 1 was applied (named in the message).
  public static func violation(
    of period: NetworkTrace.Period, endingAtMs endMs: Double, scaled: Bool = false
  ) -> String? {
    if let reason = totalDurationViolation(endMs) { return reason }
    if let reason = durationViolation(period.durationMs) { return reason }
    if let reason = bandwidthViolation(period.bandwidthKbps, scaled: scaled) { return reason }
    return latencyViolation(period.latencyMs)
  }

  /// Why a period duration breaks the limits (under 1 ms, or not finite), or nil.
  public static func durationViolation(_ durationMs: Double) -> String? {
    guard !durationMs.isNaN else { return "period duration is not a number" }
    if durationMs == .infinity { return totalDurationViolation(durationMs) }
    guard durationMs >= minimumPeriodMs else {
      return "period of \(format(durationMs)) ms is shorter than the 1 ms minimum"
    }
    return nil
  }

  /// Why a bandwidth breaks the limits (negative, not finite, over 100 Gbit/s), or nil.
  public static func bandwidthViolation(_ kbps: Double, scaled: Bool) -> String? {
    guard kbps.isFinite, kbps >= 0 else {
      return "bandwidth \(format(kbps)) kbps is not a number >= 0"
    }
    guard kbps <= maximumBandwidthKbps else {
      return "bandwidth \(format(kbps)) kbps\(scaled ? " (after --bandwidth-scale)" : "") "
        + "is above the limit of 100000000 kbps (100 Gbit/s)"
    }
    return nil
  }

  /// Why a latency breaks the limits (negative, not finite, over 60 s), or nil.
  public static func latencyViolation(_ latencyMs: Double) -> String? {
    guard latencyMs.isFinite, latencyMs >= 0 else {
      return "latency \(format(latencyMs)) ms is not a number >= 0"
    }
    guard latencyMs <= maximumLatencyMs else {
      return "latency \(format(latencyMs)) ms is above the limit of 60000 ms (60 s)"
    }
    return nil
  }

  /// Why a trace reaching `endMs` breaks the 7-day limit, or nil.
  public static func totalDurationViolation(_ endMs: Double) -> String? {
    guard endMs.isFinite, endMs <= maximumDurationMs else {
      return "the trace reaches \(format(endMs / 1000)) s, beyond the limit of 604800 s (7 days)"
    }
    return nil
  }

  /// Short decimal form for messages (`1e-09`, `1e+308`, `250.5`).
  public static func format(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
  }
}

/// Throws a `TraceError` at `location` when `period`, ending at `endMs`, breaks a limit.
func checkLimits(
  _ period: NetworkTrace.Period, endingAtMs endMs: Double, options: TraceImportOptions,
  source: String,
  location: TraceError.Location?
) throws {
  if let reason = TraceLimits.violation(
    of: period, endingAtMs: endMs, scaled: options.bandwidthScale != 1)
  {
    throw TraceError(source: source, location: location, reason: reason)
  }
}
