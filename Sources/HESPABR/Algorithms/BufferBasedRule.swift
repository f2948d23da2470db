/// BBA-0 (Huang, Johari, McKeown, Trunnell, Watson, "A Buffer-Based Approach to Rate Adaptation:
/// Evidence from a Large Video Streaming Service", SIGCOMM 2014, §4).
///
/// The rate map f(B) is the lowest bitrate below the reservoir, the highest above reservoir +
/// cushion, and linear in between. The next rate stays at the previous one until f(B) crosses the
/// next rate up (then: the highest rate below f(B)) or the next rate down (then: the lowest rate
/// above f(B)). Defaults: reservoir 5 s, cushion 10 s, as Pensieve's `test/bb.py` uses for a
/// small buffer (the paper's 90 s / 126 s suit its 240 s buffer).
public struct BufferBasedRule: ABRAlgorithm {
  public static let name = "bba"
  /// Default reservoir in ms.
  public static let defaultReservoirMs = 5_000.0
  /// Default cushion in ms.
  public static let defaultCushionMs = 10_000.0

  public struct State: Sendable, Equatable {
    /// The previous rate (R_prev), as a quality index.
    public var lastQuality = 0
  }

  public let reservoirMs: Double
  public let cushionMs: Double

  public init(
    reservoirMs: Double = BufferBasedRule.defaultReservoirMs,
    cushionMs: Double = BufferBasedRule.defaultCushionMs
  ) {
    self.reservoirMs = reservoirMs
    self.cushionMs = cushionMs
  }

  public var initialState: State { State() }

  /// The rate map f(B) in kbit/s.
  public func mappedRateKbps(bufferLevelMs: Double, ladder: QualityLadder) -> Double {
    let rates = ladder.bitratesKbps
    let low = rates[0]
    let high = rates[rates.count - 1]
    if bufferLevelMs <= reservoirMs { return low }
    if bufferLevelMs >= reservoirMs + cushionMs { return high }
    return low + (high - low) * (bufferLevelMs - reservoirMs) / cushionMs
  }

  public func decide(_ context: DecisionContext, state: inout State) -> Decision {
    let rates = context.ladder.bitratesKbps
    let top = rates.count - 1
    let buffer = context.bufferLevelMs
    let previous = min(state.lastQuality, top)
    let plus = previous == top ? top : previous + 1
    let minus = previous == 0 ? 0 : previous - 1
    let f = mappedRateKbps(bufferLevelMs: buffer, ladder: context.ladder)
    var next: Int
    if buffer <= reservoirMs {
      next = 0
    } else if buffer >= reservoirMs + cushionMs {
      next = top
    } else if f >= rates[plus] {
      next = rates.lastIndex { $0 < f } ?? 0
    } else if f <= rates[minus] {
      next = rates.firstIndex { $0 > f } ?? top
    } else {
      next = previous
    }
    state.lastQuality = next
    return Decision(quality: next)
  }
}
