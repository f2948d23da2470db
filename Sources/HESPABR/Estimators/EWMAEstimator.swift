import Foundation

/// Sabre's `Ewma` estimator (also dash.js's): exponentially weighted moving averages with
/// several half-lives, zero-bias corrected; the estimate is the most conservative one (minimum
/// throughput, maximum latency).
///
/// Throughput samples are weighted by their download time (a half-life in ms of download time);
/// latency samples are weighted per segment (the half-life converted to segments).
public struct EWMAEstimator: ThroughputEstimator {
  /// Default half-lives in seconds (Sabre `-hl 3 8`, dash.js fast/slow).
  public static let defaultHalfLivesSeconds: [Double] = [3, 8]

  let halfLivesMs: [Double]
  let latencyHalfLivesSegments: [Double]
  var throughputAverages: [Double]
  var latencyAverages: [Double]
  var throughputWeightMs: Double = 0
  var latencyWeight: Double = 0
  public private(set) var throughputKbps: Double?
  public private(set) var latencyMs: Double?

  /// - Parameters:
  ///   - halfLivesSeconds: one average per half-life; at least one, each > 0.
  ///   - segmentDurationMs: converts the half-lives to segments for the latency averages.
  public init(
    halfLivesSeconds: [Double] = EWMAEstimator.defaultHalfLivesSeconds, segmentDurationMs: Double
  ) {
    halfLivesMs = halfLivesSeconds.map { $0 * 1000 }
    latencyHalfLivesSegments = halfLivesMs.map { $0 / segmentDurationMs }
    throughputAverages = Array(repeating: 0, count: halfLivesMs.count)
    latencyAverages = Array(repeating: 0, count: halfLivesMs.count)
  }

  public mutating func add(durationMs: Double, throughputKbps: Double, latencyMs: Double) {
    for i in halfLivesMs.indices {
      var alpha = pow(0.5, durationMs / halfLivesMs[i])
      throughputAverages[i] = alpha * throughputAverages[i] + (1 - alpha) * throughputKbps
      alpha = pow(0.5, 1 / latencyHalfLivesSegments[i])
      latencyAverages[i] = alpha * latencyAverages[i] + (1 - alpha) * latencyMs
    }
    throughputWeightMs += durationMs
    latencyWeight += 1
    var throughput: Double?
    var latency: Double?
    for i in halfLivesMs.indices {
      var zeroFactor = 1 - pow(0.5, throughputWeightMs / halfLivesMs[i])
      let t = throughputAverages[i] / zeroFactor
      throughput = throughput.map { Swift.min($0, t) } ?? t
      zeroFactor = 1 - pow(0.5, latencyWeight / latencyHalfLivesSegments[i])
      let l = latencyAverages[i] / zeroFactor
      latency = latency.map { Swift.max($0, l) } ?? l
    }
    self.throughputKbps = throughput
    self.latencyMs = latency
  }
}
