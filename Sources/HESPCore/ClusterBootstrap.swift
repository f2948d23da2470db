/// A seeded cluster bootstrap of a percentile: confidence intervals for a percentile of samples
/// that come in clusters (switch latencies grouped by trace), resampling whole clusters so that
/// one trace with many switches cannot make the interval look tighter than the data allow.
///
/// Each resample draws as many clusters as there are, with replacement, pools their samples and
/// takes the nearest-rank percentile (`LatencySummary.percentile`); the interval is the
/// nearest-rank `(1 − confidence) / 2` and `(1 + confidence) / 2` percentiles of those values.
/// Resamples that draw no sample at all are skipped. Deterministic: the same clusters, seed and
/// count give the same interval on every machine (SplitMix64, unbiased bounded draws).
public struct ClusterBootstrap: Sendable, Equatable, Codable {
  /// Number of resamples.
  public var resampleCount: Int
  /// Seed of the generator.
  public var seed: UInt64
  /// Coverage of the interval (0.95 = 95 %).
  public var confidence: Double

  public static let defaultSeed: UInt64 = 0x4845_5350  // "HESP"

  public init(
    resampleCount: Int = 2_000, seed: UInt64 = ClusterBootstrap.defaultSeed,
    confidence: Double = 0.95
  ) {
    self.resampleCount = resampleCount
    self.seed = seed
    self.confidence = confidence
  }

  /// The interval of the `percent`-th percentile, or nil with fewer than two clusters that hold
  /// samples (one trace cannot tell how much the result depends on the trace).
  public func interval(clusters: [[Double]], percent: Double = 50) -> (low: Double, high: Double)? {
    guard clusters.filter({ !$0.isEmpty }).count >= 2, resampleCount > 0 else { return nil }
    var generator = SplitMix64(seed: seed)
    var estimates: [Double] = []
    estimates.reserveCapacity(resampleCount)
    var pooled: [Double] = []
    for _ in 0..<resampleCount {
      pooled.removeAll(keepingCapacity: true)
      for _ in clusters.indices { pooled += clusters[generator.next(below: clusters.count)] }
      guard !pooled.isEmpty else { continue }
      pooled.sort()
      estimates.append(LatencySummary.percentile(sorted: pooled, percent))
    }
    guard !estimates.isEmpty else { return nil }
    estimates.sort()
    let tail = (1 - confidence) / 2 * 100
    return (
      LatencySummary.percentile(sorted: estimates, tail),
      LatencySummary.percentile(sorted: estimates, 100 - tail)
    )
  }
}

/// SplitMix64 (Steele, Lea, Flood 2014): a small, fast, well-mixed 64-bit generator whose output
/// is fixed by its seed on every platform.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform integer in `0..<bound` (rejection of the biased tail), `bound` > 0.
  public mutating func next(below bound: Int) -> Int {
    precondition(bound > 0, "empty range")
    let range = UInt64(bound)
    let limit = UInt64.max - UInt64.max % range
    while true {
      let value = next()
      if value < limit { return Int(value % range) }
    }
  }
}
