/// Summary statistics of a set of latency samples in milliseconds (switch latency, startup, ...):
/// count, mean, p50, p90, p99, max and tm90, as reported by DESIGN.md §4.5.
///
/// **Percentile method: nearest rank.** `p`-th percentile of `n` sorted samples is the sample of
/// rank `⌈p/100 × n⌉` (1-based; rank 1 for `p = 0`): the smallest sample such that at least
/// `p`% of the samples are at or below it. It is always one of the samples (no interpolation),
/// so it is stable under any monotone change of units and exact for small sets.
///
/// **tm90** ("trimmed mean at 90"): the mean of the samples at or below p90. It drops the slowest
/// tail (up to 10% of the samples, ties with p90 kept) and tells the typical case that the mean
/// hides when a few switches are very slow.
public struct LatencySummary: Sendable, Equatable, Codable {
  public var count: Int
  public var meanMs: Double
  public var p50Ms: Double
  public var p90Ms: Double
  public var p99Ms: Double
  public var maxMs: Double
  public var tm90Ms: Double

  /// A summary from its values (e.g. decoded or carried over from a richer statistic).
  public init(
    count: Int, meanMs: Double, p50Ms: Double, p90Ms: Double, p99Ms: Double, maxMs: Double,
    tm90Ms: Double
  ) {
    self.count = count
    self.meanMs = meanMs
    self.p50Ms = p50Ms
    self.p90Ms = p90Ms
    self.p99Ms = p99Ms
    self.maxMs = maxMs
    self.tm90Ms = tm90Ms
  }

  /// Summarizes `samplesMs` (any order).
  /// - Returns: `nil` when there is no sample or a sample is not finite (NaN or infinite):
  ///   there is nothing honest to summarize.
  public init?(samplesMs: [Double]) {
    guard !samplesMs.isEmpty, samplesMs.allSatisfy(\.isFinite) else { return nil }
    let sorted = samplesMs.sorted()
    count = sorted.count
    meanMs = sorted.reduce(0, +) / Double(sorted.count)
    p50Ms = Self.percentile(sorted: sorted, 50)
    p90Ms = Self.percentile(sorted: sorted, 90)
    p99Ms = Self.percentile(sorted: sorted, 99)
    maxMs = sorted[sorted.count - 1]
    let p90 = p90Ms
    let head = sorted.prefix { $0 <= p90 }
    tm90Ms = head.reduce(0, +) / Double(head.count)
  }

  /// The nearest-rank percentile of already sorted, non-empty samples.
  /// - Parameters:
  ///   - sorted: samples in ascending order; must not be empty.
  ///   - percent: the percentile, 0...100 (clamped).
  /// - Returns: the sample of rank `max(1, ⌈percent/100 × n⌉)`.
  public static func percentile(sorted: [Double], _ percent: Double) -> Double {
    precondition(!sorted.isEmpty, "percentile of no samples")
    let clamped = min(max(percent, 0), 100)
    // The 1e-9 tolerance keeps a product that is a whole number up to rounding noise on its rank.
    let exact = clamped * Double(sorted.count) / 100
    let rank = max(1, Int((exact - 1e-9).rounded(.up)))
    return sorted[min(rank, sorted.count) - 1]
  }
}
