/// Always the same quality: checks the link and buffer model with no adaptation (Sabre's
/// `FixedQ` recipe of the reference notes).
public struct FixedQualityRule: ABRAlgorithm {
  public static let name = "fixed"
  public struct State: Sendable, Equatable {}

  /// The quality index used for every segment.
  public let quality: Int

  public init(quality: Int) {
    self.quality = quality
  }

  public var initialState: State { State() }
  public func firstQuality(state: State) -> Int { quality }
  public func decide(_ context: DecisionContext, state: inout State) -> Decision {
    Decision(quality: quality)
  }
}
