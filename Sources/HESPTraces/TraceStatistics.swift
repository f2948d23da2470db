/// Summary of one pass through a trace. Bandwidth statistics are time-weighted: a period counts
/// in proportion to its duration.
public struct TraceStatistics: Sendable, Equatable, Codable {
  /// Length of one pass through the trace.
  public var durationMs: Double
  /// Number of periods.
  public var periodCount: Int
  /// Time-weighted mean bandwidth (total bits / total time).
  public var meanKbps: Double
  /// Time-weighted percentiles: the smallest period bandwidth `b` such that the periods with
  /// bandwidth <= `b` cover at least that fraction of the trace's duration.
  public var p10Kbps: Double
  public var medianKbps: Double
  public var p90Kbps: Double
  /// Lowest and highest period bandwidth.
  public var minKbps: Double
  public var maxKbps: Double
  /// Time-weighted mean latency.
  public var meanLatencyMs: Double

  /// Computes the statistics of `trace`; an empty trace gives all zeros.
  public init(_ trace: NetworkTrace) {
    let periods = trace.periods
    let total = trace.durationMs
    durationMs = total
    periodCount = periods.count
    guard total > 0 else {
      meanKbps = 0
      p10Kbps = 0
      medianKbps = 0
      p90Kbps = 0
      minKbps = 0
      maxKbps = 0
      meanLatencyMs = 0
      return
    }
    meanKbps = periods.reduce(0) { $0 + $1.durationMs * $1.bandwidthKbps } / total
    meanLatencyMs = periods.reduce(0) { $0 + $1.durationMs * $1.latencyMs } / total
    let sorted = periods.sorted { $0.bandwidthKbps < $1.bandwidthKbps }
    minKbps = sorted.first?.bandwidthKbps ?? 0
    maxKbps = sorted.last?.bandwidthKbps ?? 0
    p10Kbps = Self.weightedPercentile(sorted, fraction: 0.10, totalMs: total)
    medianKbps = Self.weightedPercentile(sorted, fraction: 0.50, totalMs: total)
    p90Kbps = Self.weightedPercentile(sorted, fraction: 0.90, totalMs: total)
  }

  static func weightedPercentile(_ sorted: [NetworkTrace.Period], fraction: Double, totalMs: Double)
    -> Double
  {
    let target = fraction * totalMs
    var covered = 0.0
    for period in sorted {
      covered += period.durationMs
      if covered >= target * (1 - 1e-12) { return period.bandwidthKbps }
    }
    return sorted.last?.bandwidthKbps ?? 0
  }
}
