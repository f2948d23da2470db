/// Turns per-download samples into a throughput and a latency estimate (Sabre's
/// `ThroughputHistory`). Estimates are nil until the first sample.
public protocol ThroughputEstimator: Sendable {
  /// Adds one completed download: `durationMs` is the transfer time without the time to first
  /// byte, `throughputKbps` = bits / durationMs, `latencyMs` the time to first byte.
  mutating func add(durationMs: Double, throughputKbps: Double, latencyMs: Double)
  /// Current throughput estimate in kbit/s.
  var throughputKbps: Double? { get }
  /// Current latency estimate in ms.
  var latencyMs: Double? { get }
}

/// One of the built-in estimators, chosen at run time without an existential.
public enum AnyThroughputEstimator: ThroughputEstimator {
  case ewma(EWMAEstimator)
  case slidingWindow(SlidingWindowEstimator)

  public mutating func add(durationMs: Double, throughputKbps: Double, latencyMs: Double) {
    switch self {
    case .ewma(var estimator):
      estimator.add(durationMs: durationMs, throughputKbps: throughputKbps, latencyMs: latencyMs)
      self = .ewma(estimator)
    case .slidingWindow(var estimator):
      estimator.add(durationMs: durationMs, throughputKbps: throughputKbps, latencyMs: latencyMs)
      self = .slidingWindow(estimator)
    }
  }

  public var throughputKbps: Double? {
    switch self {
    case .ewma(let estimator): estimator.throughputKbps
    case .slidingWindow(let estimator): estimator.throughputKbps
    }
  }

  public var latencyMs: Double? {
    switch self {
    case .ewma(let estimator): estimator.latencyMs
    case .slidingWindow(let estimator): estimator.latencyMs
    }
  }
}
