/// Distribution of switch latencies (decision to first play of the new quality) over a session,
/// as DESIGN §4.5 reports it: count, mean, p50, p90, p99, max and tm90 (the mean of the samples at
/// or below p90). Percentiles use the nearest-rank method. Times in ms.
public struct SwitchLatencySummary: Sendable, Equatable, Codable {
  public var count: Int
  public var meanMs: Double
  public var p50Ms: Double
  public var p90Ms: Double
  public var p99Ms: Double
  public var maxMs: Double
  public var tm90Ms: Double

  /// Nil when no switch was played.
  public init?(latenciesMs: [Double]) {
    guard !latenciesMs.isEmpty else { return nil }
    let sorted = latenciesMs.sorted()
    func percentile(_ p: Double) -> Double {
      let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
      return sorted[min(max(rank, 1), sorted.count) - 1]
    }
    count = sorted.count
    meanMs = sorted.reduce(0, +) / Double(sorted.count)
    p50Ms = percentile(50)
    let p90 = percentile(90)
    p90Ms = p90
    p99Ms = percentile(99)
    maxMs = sorted[sorted.count - 1]
    let belowP90 = sorted.filter { $0 <= p90 }
    tm90Ms = belowP90.reduce(0, +) / Double(belowP90.count)
  }
}
