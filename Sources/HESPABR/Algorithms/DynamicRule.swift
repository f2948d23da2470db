/// Sabre's `dynamic`: BOLA and the throughput rule both decide every segment; BOLA's choice is
/// used once the buffer is above 10 s and BOLA is at least the throughput rule's quality, and the
/// throughput rule's again when the buffer falls below 10 s and BOLA is lower. Abandonment always
/// uses the throughput rule.
public struct DynamicRule: ABRAlgorithm {
  public static let name = "dynamic"
  /// Buffer level in ms at which the mode may change.
  public static let lowBufferThresholdMs = 10_000.0

  public struct State: Sendable, Equatable {
    public var bola: BOLA.State
    public var throughput: ThroughputRule.State
    /// True while BOLA's decisions are used.
    public var usesBOLA = false
  }

  public let bola: BOLA
  public let throughput: ThroughputRule

  public init(bola: BOLA, throughput: ThroughputRule) {
    self.bola = bola
    self.throughput = throughput
  }

  public var initialState: State {
    State(bola: bola.initialState, throughput: throughput.initialState)
  }

  public func decide(_ context: DecisionContext, state: inout State) -> Decision {
    let level = context.bufferLevelMs
    let b = bola.decide(context, state: &state.bola)
    let t = throughput.decide(context, state: &state.throughput)
    if state.usesBOLA {
      if level < Self.lowBufferThresholdMs && b.quality < t.quality { state.usesBOLA = false }
    } else if level > Self.lowBufferThresholdMs && b.quality >= t.quality {
      state.usesBOLA = true
    }
    return state.usesBOLA ? b : t
  }

  public func didIdle(durationMs: Double, state: inout State) {
    bola.didIdle(durationMs: durationMs, state: &state.bola)
    throughput.didIdle(durationMs: durationMs, state: &state.throughput)
  }

  public func didDownload(_ report: DownloadReport, context: DecisionContext, state: inout State) {
    bola.didDownload(report, context: context, state: &state.bola)
    throughput.didDownload(report, context: context, state: &state.throughput)
    if report.isReplacement { state.usesBOLA = false }
  }

  public func shouldAbandon(
    _ progress: DownloadReport, bufferLevelMs: Double, context: DecisionContext, state: inout State
  ) -> Int? {
    throughput.shouldAbandon(
      progress, bufferLevelMs: bufferLevelMs, context: context, state: &state.throughput)
  }
}
