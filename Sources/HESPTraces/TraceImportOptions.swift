/// Knobs of the trace importers. `init()` gives the documented defaults.
public struct TraceImportOptions: Sendable, Equatable {
  /// Width of the Mahimahi bins, a whole number of milliseconds (default 100).
  public var mahimahiBinMs: Double
  /// Latency (time to first byte per request) given to every period of a format that carries
  /// no latency: Mahimahi, Pensieve, the 5G CSV and a two-column plain CSV. Default 80 ms, the
  /// `LINK_RTT` of Pensieve's simulator and the value Sabre's authors' conversions of
  /// Pensieve-style data used, so imported traces reproduce the cross-check numbers of
  /// `reference/abr-simulators.md`.
  public var defaultLatencyMs: Double
  /// Multiplies every imported bandwidth (Sabre's `-nm`). Use 0.95 to mimic Pensieve's
  /// payload factor. Default 1.
  public var bandwidthScale: Double

  /// The defaults: 100 ms Mahimahi bins, 80 ms default latency, bandwidth scale 1.
  public init(
    mahimahiBinMs: Double = 100, defaultLatencyMs: Double = 80, bandwidthScale: Double = 1
  ) {
    self.mahimahiBinMs = mahimahiBinMs
    self.defaultLatencyMs = defaultLatencyMs
    self.bandwidthScale = bandwidthScale
  }

  /// Checks the options themselves.
  /// - Throws: `TraceError` naming the option when a value is out of range.
  public func validate() throws {
    guard mahimahiBinMs.isFinite, mahimahiBinMs >= 1,
      mahimahiBinMs <= TraceLimits.maximumDurationMs,
      mahimahiBinMs == mahimahiBinMs.rounded()
    else {
      throw TraceError(
        source: "options",
        reason: "mahimahi bin width must be a whole number of ms >= 1, got \(mahimahiBinMs)")
    }
    guard defaultLatencyMs.isFinite, defaultLatencyMs >= 0 else {
      throw TraceError(
        source: "options", reason: "default latency must be >= 0 ms, got \(defaultLatencyMs)")
    }
    guard defaultLatencyMs <= TraceLimits.maximumLatencyMs else {
      throw TraceError(
        source: "options",
        reason: "default latency must be <= 60000 ms (the latency limit), got \(defaultLatencyMs)")
    }
    guard bandwidthScale.isFinite, bandwidthScale > 0 else {
      throw TraceError(
        source: "options", reason: "bandwidth scale must be > 0, got \(bandwidthScale)")
    }
  }
}
