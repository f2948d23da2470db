/// Sabre's `SlidingWindow` estimator: the mean of the last `n` samples for each window size;
/// the estimate is the most conservative (minimum throughput, maximum latency). Keeps at most
/// the last 20 samples, as Sabre does.
public struct SlidingWindowEstimator: ThroughputEstimator {
  /// Default window size in samples (Sabre `-ws 3`).
  public static let defaultWindowSizes = [3]
  /// Samples kept (Sabre's `max_store`).
  public static let maximumStoredSamples = 20

  let windowSizes: [Int]
  var throughputs: [Double] = []
  var latencies: [Double] = []
  public private(set) var throughputKbps: Double?
  public private(set) var latencyMs: Double?

  /// - Parameter windowSizes: window lengths in samples, each >= 1.
  public init(windowSizes: [Int] = SlidingWindowEstimator.defaultWindowSizes) {
    self.windowSizes = windowSizes
  }

  public mutating func add(durationMs: Double, throughputKbps: Double, latencyMs: Double) {
    throughputs.append(throughputKbps)
    latencies.append(latencyMs)
    if throughputs.count > Self.maximumStoredSamples {
      throughputs.removeFirst(throughputs.count - Self.maximumStoredSamples)
      latencies.removeFirst(latencies.count - Self.maximumStoredSamples)
    }
    var throughput: Double?
    var latency: Double?
    for size in windowSizes {
      let t = Self.mean(of: throughputs.suffix(size))
      throughput = throughput.map { Swift.min($0, t) } ?? t
      let l = Self.mean(of: latencies.suffix(size))
      latency = latency.map { Swift.max($0, l) } ?? l
    }
    self.throughputKbps = throughput
    self.latencyMs = latency
  }

  /// Left-to-right sum divided by the count, as Python's `sum(x) / len(x)`.
  static func mean(of samples: ArraySlice<Double>) -> Double {
    var sum = 0.0
    for sample in samples { sum += sample }
    return sum / Double(samples.count)
  }
}
