/// Sabre's `dynamicdash`, modelled on dash.js's DYNAMIC strategy: BOLA-E above 10 s of buffer,
/// the throughput rule below 5 s, hysteresis in between. Only the active rule decides (and
/// abandons); both see every download.
public struct DynamicDashRule: ABRAlgorithm {
  public static let name = "dynamicdash"
  /// Switch to the throughput rule below this buffer level (ms).
  public static let lowThresholdMs = 5_000.0
  /// Switch to BOLA-E above this buffer level (ms).
  public static let highThresholdMs = 10_000.0

  public struct State: Sendable, Equatable {
    public var bola: BOLAE.State
    public var throughput: ThroughputRule.State
    /// True while BOLA-E decides.
    public var usesBOLA = false
  }

  public let bola: BOLAE
  public let throughput: ThroughputRule

  public init(bola: BOLAE, throughput: ThroughputRule) {
    self.bola = bola
    self.throughput = throughput
  }

  public var initialState: State {
    State(bola: bola.initialState, throughput: throughput.initialState)
  }

  public func decide(_ context: DecisionContext, state: inout State) -> Decision {
    let level = context.bufferLevelMs
    if state.usesBOLA && level < Self.lowThresholdMs {
      state.usesBOLA = false
    } else if !state.usesBOLA && level > Self.highThresholdMs {
      state.usesBOLA = true
    }
    return state.usesBOLA
      ? bola.decide(context, state: &state.bola)
      : throughput.decide(context, state: &state.throughput)
  }

  public func didIdle(durationMs: Double, state: inout State) {
    bola.didIdle(durationMs: durationMs, state: &state.bola)
    throughput.didIdle(durationMs: durationMs, state: &state.throughput)
  }

  public func didDownload(_ report: DownloadReport, context: DecisionContext, state: inout State) {
    bola.didDownload(report, context: context, state: &state.bola)
    throughput.didDownload(report, context: context, state: &state.throughput)
  }

  public func shouldAbandon(
    _ progress: DownloadReport, bufferLevelMs: Double, context: DecisionContext, state: inout State
  ) -> Int? {
    state.usesBOLA
      ? bola.shouldAbandon(
        progress, bufferLevelMs: bufferLevelMs, context: context, state: &state.bola)
      : throughput.shouldAbandon(
        progress, bufferLevelMs: bufferLevelMs, context: context, state: &state.throughput)
  }
}
