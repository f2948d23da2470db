/// The `hesp` rule: an ABR that assumes switching is instant (HESP init packets), so it never
/// hedges against a slow switch. It switches down at once when the current rung no longer fits
/// the throughput estimate or the buffer runs low, and up when a higher rung fits with a margin
/// and the buffer is not low. Decisions are pure functions of (configuration, context, state).
public struct InstantSwitchRule: ABRAlgorithm {
  public static let name = "hesp"

  /// The quality last chosen (the rule needs to know where it stands to apply hysteresis).
  public struct State: Sendable, Equatable {
    public var quality: Int
    public init(quality: Int = 0) { self.quality = quality }
  }

  /// Fraction of the throughput estimate the current rung may use before switching down.
  public var downSafetyFactor: Double
  /// Fraction of the estimate a higher rung may use before switching up (below `downSafetyFactor`,
  /// so the rule does not oscillate).
  public var upSafetyFactor: Double
  /// Below this buffer level the rule drops one rung below what the throughput allows.
  public var lowBufferMs: Double
  /// Switching up needs at least this much buffer.
  public var upBufferMs: Double

  public init(
    downSafetyFactor: Double = 0.9, upSafetyFactor: Double = 0.7, lowBufferMs: Double = 200,
    upBufferMs: Double = 400
  ) {
    self.downSafetyFactor = downSafetyFactor
    self.upSafetyFactor = upSafetyFactor
    self.lowBufferMs = lowBufferMs
    self.upBufferMs = upBufferMs
  }

  public var initialState: State { State() }

  /// The highest rung whose nominal bitrate is at most `budgetKbps` (0 at least).
  static func highestRung(fitting budgetKbps: Double, bitratesKbps: [Double]) -> Int {
    var quality = 0
    while quality + 1 < bitratesKbps.count && bitratesKbps[quality + 1] <= budgetKbps {
      quality += 1
    }
    return quality
  }

  public func decide(_ context: DecisionContext, state: inout State) -> Decision {
    let bitrates = context.ladder.bitratesKbps
    guard let throughput = context.throughputKbps else { return Decision(quality: state.quality) }
    var quality = min(state.quality, bitrates.count - 1)
    let down = Self.highestRung(fitting: downSafetyFactor * throughput, bitratesKbps: bitrates)
    let up = Self.highestRung(fitting: upSafetyFactor * throughput, bitratesKbps: bitrates)
    if down < quality {
      quality = down
    } else if up > quality && context.bufferLevelMs >= upBufferMs {
      quality = up
    }
    if context.bufferLevelMs < lowBufferMs && quality > 0
      && bitrates[quality] > upSafetyFactor * throughput
    {
      quality -= 1
    }
    state.quality = quality
    return Decision(quality: quality)
  }
}
