/// A network trace in the one internal form every importer produces: back-to-back periods of
/// constant bandwidth, each with the latency (time to first byte) charged to a request that
/// starts in it. The trace loops when it ends (Sabre's semantics).
///
/// Units follow Sabre's so that arithmetic matches it to the millisecond: milliseconds for time,
/// kbit/s (= bits per millisecond) for bandwidth.
public struct NetworkTrace: Sendable, Equatable {
  public struct Period: Sendable, Equatable, Codable {
    public var durationMs: Double
    /// Capacity in kbit/s, which is also bits per millisecond.
    public var bandwidthKbps: Double
    public var latencyMs: Double

    public init(durationMs: Double, bandwidthKbps: Double, latencyMs: Double) {
      self.durationMs = durationMs
      self.bandwidthKbps = bandwidthKbps
      self.latencyMs = latencyMs
    }

    enum CodingKeys: String, CodingKey {
      case durationMs = "duration_ms"
      case bandwidthKbps = "bandwidth_kbps"
      case latencyMs = "latency_ms"
    }
  }

  public var periods: [Period]

  public init(periods: [Period]) {
    self.periods = periods
  }

  /// Total duration of one pass through the trace.
  public var durationMs: Double { periods.reduce(0) { $0 + $1.durationMs } }
}
