/// Chooses the quality of the next segment.
///
/// An algorithm is a value holding only its configuration (constants derived from the ladder and
/// the options). Everything it remembers between decisions lives in its `State`, an explicit value
/// the caller passes in and gets back (`inout`), so a decision is a pure function of
/// (configuration, `DecisionContext`, state). The algorithm owns no clock, no network and no buffer:
/// the same code runs in the simulator and could run in a real player.
///
/// The call sequence mirrors Sabre's `Abr` class: `firstQuality` for segment 0, then for every
/// later segment `decide`, optionally `didIdle` (buffer-full idling), `shouldAbandon` during the
/// download (only when abandonment is enabled) and `didDownload` after it.
public protocol ABRAlgorithm: Sendable {
  /// What the algorithm remembers between calls (placeholder buffer, safety factor, mode, ...).
  associatedtype State: Sendable

  /// The state before the first decision.
  var initialState: State { get }

  /// Quality of the first segment, chosen before any throughput sample exists (Sabre: 0).
  func firstQuality(state: State) -> Int

  /// Chooses the quality of segment `context.segmentIndex` and an optional delay before its request.
  func decide(_ context: DecisionContext, state: inout State) -> Decision

  /// The player idled `durationMs` because the buffer was full (Sabre's `report_delay`).
  func didIdle(durationMs: Double, state: inout State)

  /// A download finished or was abandoned. `context.bufferLevelMs` is the level after the segment
  /// was added to the buffer (Sabre's `report_download`).
  func didDownload(_ report: DownloadReport, context: DecisionContext, state: inout State)

  /// During a download: the quality to abandon to, or nil to continue. `bufferLevelMs` is the
  /// buffer level projected to now (Sabre's `check_abandon`).
  func shouldAbandon(
    _ progress: DownloadReport, bufferLevelMs: Double, context: DecisionContext, state: inout State
  ) -> Int?
}

extension ABRAlgorithm {
  public func firstQuality(state: State) -> Int { 0 }
  public func didIdle(durationMs: Double, state: inout State) {}
  public func didDownload(_ report: DownloadReport, context: DecisionContext, state: inout State) {}
  public func shouldAbandon(
    _ progress: DownloadReport, bufferLevelMs: Double, context: DecisionContext, state: inout State
  ) -> Int? { nil }
}

/// The outcome of one decision: a quality index, and how long to wait before requesting it
/// (BOLA-O and BOLA-E pace downloads this way; usually zero).
public struct Decision: Sendable, Equatable {
  public var quality: Int
  public var delayMs: Double

  public init(quality: Int, delayMs: Double = 0) {
    self.quality = quality
    self.delayMs = delayMs
  }
}
