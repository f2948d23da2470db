/// Sabre's `throughput` rule (and dash.js's ThroughputRule): the highest quality that fits 0.9 x
/// the throughput estimate, then the insufficient-buffer rule; abandonment when a download is
/// projected to take longer than 1.8 segment durations.
public struct ThroughputRule: ABRAlgorithm {
  public static let name = "throughput"
  /// Fraction of the estimate the rule spends.
  public static let safetyFactor = 0.9
  /// Floor of the insufficient-buffer safety factor.
  public static let lowBufferSafetyFactor = 0.5
  /// Initial insufficient-buffer safety factor, also its per-decision decay multiplier.
  public static let lowBufferSafetyFactorInitial = 0.9
  /// Abandon when the projected download time exceeds this many segment durations.
  public static let abandonMultiplier = 1.8
  /// No abandonment in the first 500 ms of a download.
  public static let abandonGraceTimeMs = 500.0

  /// The insufficient-buffer safety factor, decaying from 0.9 to 0.5 by x0.9 per decision.
  public struct State: Sendable, Equatable {
    public var insufficientBufferSafety = ThroughputRule.lowBufferSafetyFactorInitial
  }

  /// Disables the insufficient-buffer rule (Sabre `-noibr`).
  public var insufficientBufferRuleEnabled: Bool

  public init(insufficientBufferRuleEnabled: Bool = true) {
    self.insufficientBufferRuleEnabled = insufficientBufferRuleEnabled
  }

  public var initialState: State { State() }

  public func decide(_ context: DecisionContext, state: inout State) -> Decision {
    let throughput = context.throughputKbps ?? 0
    var quality = context.quality(forThroughputKbps: throughput * Self.safetyFactor)
    if insufficientBufferRuleEnabled {
      let safeSizeBits =
        state.insufficientBufferSafety * (context.bufferLevelMs - (context.latencyMs ?? 0))
        * throughput
      state.insufficientBufferSafety *= Self.lowBufferSafetyFactorInitial
      state.insufficientBufferSafety = max(
        state.insufficientBufferSafety, Self.lowBufferSafetyFactor)
      let bitrates = context.ladder.bitratesKbps
      for q in 0..<quality where bitrates[q + 1] * context.ladder.segmentDurationMs > safeSizeBits {
        quality = q
        break
      }
    }
    return Decision(quality: quality)
  }

  public func shouldAbandon(
    _ progress: DownloadReport, bufferLevelMs: Double, context: DecisionContext, state: inout State
  ) -> Int? {
    let downloadTimeMs = progress.timeMs - progress.timeToFirstBitMs
    guard progress.timeMs >= Self.abandonGraceTimeMs, downloadTimeMs > 0 else { return nil }
    let throughput = progress.downloadedBits / downloadTimeMs
    let sizeLeftBits = progress.sizeBits - progress.downloadedBits
    let estimatedTimeLeftMs = sizeLeftBits / throughput
    guard
      progress.timeMs + estimatedTimeLeftMs > Self.abandonMultiplier
        * context.ladder.segmentDurationMs
    else { return nil }
    let quality = context.quality(forThroughputKbps: throughput * Self.safetyFactor)
    let bitrates = context.ladder.bitratesKbps
    let estimatedSizeBits = progress.sizeBits * bitrates[quality] / bitrates[progress.quality]
    if quality >= progress.quality || estimatedSizeBits >= sizeLeftBits { return nil }
    return quality
  }
}
