import HESPCore

/// Latency statistics of a group of sessions (one protocol x ABR): the pooled summary (every
/// sample of every session, nearest-rank percentiles), a 95 % confidence interval of its p50 from
/// a seeded cluster bootstrap over traces, and the median of the per-session medians, which
/// weighs every session alike where the pooled p50 weighs them by their sample count.
public struct LatencyStatistics: Sendable, Equatable, Codable {
  public var count: Int
  public var meanMs: Double
  public var p50Ms: Double
  /// [low, high] of the 95 % interval of `p50Ms`; nil with fewer than two traces that have samples.
  public var p50CI95Ms: [Double]?
  public var p90Ms: Double
  public var p99Ms: Double
  public var maxMs: Double
  public var tm90Ms: Double
  /// Median over the sessions with samples of each session's median.
  public var sessionMedianP50Ms: Double
  /// Sessions that contributed samples.
  public var sessionCount: Int

  /// - Parameter sessions: per session, its trace (the bootstrap's cluster) and its samples.
  /// - Returns: nil without samples.
  public init?(sessions: [(trace: String, samplesMs: [Double])], bootstrap: ClusterBootstrap) {
    let all = sessions.flatMap(\.samplesMs)
    guard let summary = LatencySummary(samplesMs: all) else { return nil }
    count = summary.count
    meanMs = summary.meanMs
    p50Ms = summary.p50Ms
    p90Ms = summary.p90Ms
    p99Ms = summary.p99Ms
    maxMs = summary.maxMs
    tm90Ms = summary.tm90Ms
    var byTrace: [String: [Double]] = [:]
    var traceOrder: [String] = []
    for session in sessions {
      if byTrace[session.trace] == nil { traceOrder.append(session.trace) }
      byTrace[session.trace, default: []] += session.samplesMs
    }
    p50CI95Ms = bootstrap.interval(clusters: traceOrder.map { byTrace[$0] ?? [] }).map {
      [$0.low, $0.high]
    }
    let medians = sessions.compactMap { LatencySummary(samplesMs: $0.samplesMs)?.p50Ms }.sorted()
    sessionMedianP50Ms = LatencySummary.percentile(sorted: medians, 50)
    sessionCount = medians.count
  }
}

extension LatencyStatistics {
  /// The pooled summary alone (for the report's tables and charts).
  public var summary: LatencySummary {
    LatencySummary(
      count: count, meanMs: meanMs, p50Ms: p50Ms, p90Ms: p90Ms, p99Ms: p99Ms, maxMs: maxMs,
      tm90Ms: tm90Ms)
  }
}
