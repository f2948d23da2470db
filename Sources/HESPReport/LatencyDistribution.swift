/// The switch-latency samples of one protocol, one curve of the CDF chart.
public struct LatencyDistribution: Sendable, Equatable {
  /// Curve and legend name (e.g. `hesp`, `dash`, `ll-hls`).
  public var name: String
  /// Latency samples in ms, any order.
  public var samplesMs: [Double]

  public init(name: String, samplesMs: [Double]) {
    self.name = name
    self.samplesMs = samplesMs
  }
}
