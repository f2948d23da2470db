import HESPABR

/// Options of one simulated session, with Sabre's defaults.
public struct SessionConfiguration: Sendable, Equatable {
  /// Buffer capacity in ms (Sabre `-b`, default 25 s).
  public var bufferSizeMs: Double = 25_000
  /// Abandonment of slow downloads (Sabre's default; `-noa` = false, which is our default).
  public var abandonmentEnabled = false
  /// Re-download of buffered lower-quality segments (Sabre `-r`).
  public var replacement: ReplacementStrategy = .none
  /// Throughput estimator (Sabre `-ma`, `-hl`, `-ws`).
  public var estimator: EstimatorChoice = .ewma(
    halfLivesSeconds: EWMAEstimator.defaultHalfLivesSeconds)
  /// Ramp-up target quality; nil = the network's sustainable quality (Sabre `-rmp`).
  public var rampupThreshold: Int?
  /// Gamma-p for the `time average score` line (Sabre `-gp`).
  public var gammaP: Double = BOLA.defaultGammaP
  /// Bandwidth multiplier (Sabre `-nm`).
  public var bandwidthMultiplier: Double = 1
  /// Simulated-time limit in ms; nil = 2 x content duration + 60 s. At most
  /// `SimulationLimits.maximumSessionMs` (15 days) is used.
  public var maximumSessionMs: Double?
  /// Collect Sabre's `-v` per-segment log.
  public var verbose = false

  public init() {}
}

/// Sabre's replacement strategies: re-download one buffered segment of lower quality than the
/// decided one, at least 1.5 segments ahead of the playhead, searching from the left (oldest) or
/// the right (newest).
public enum ReplacementStrategy: String, Sendable, CaseIterable {
  case none, left, right
}

/// Which throughput estimator the session feeds.
public enum EstimatorChoice: Sendable, Equatable {
  case ewma(halfLivesSeconds: [Double])
  case slidingWindow(sizes: [Int])

  func make(segmentDurationMs: Double) -> AnyThroughputEstimator {
    switch self {
    case .ewma(let halfLives):
      .ewma(EWMAEstimator(halfLivesSeconds: halfLives, segmentDurationMs: segmentDurationMs))
    case .slidingWindow(let sizes): .slidingWindow(SlidingWindowEstimator(windowSizes: sizes))
    }
  }
}
