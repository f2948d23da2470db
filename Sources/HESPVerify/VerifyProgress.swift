import HESPCore

/// How far `hesp verify` is: splices decoded so far over all selected tracks.
public struct VerifyProgress: Sendable, Equatable {
  public var splicesDone: Int
  /// Splices the frame index promises for the selected tracks (init packets that turn out to be
  /// missing or broken are findings, not splices, so the count can end below this).
  public var splicesTotal: Int
  public var elapsedSeconds: Double

  public var splicesPerSecond: Double {
    elapsedSeconds > 0 ? Double(splicesDone) / elapsedSeconds : 0
  }

  /// Seconds left at the current speed; nil before the first splice.
  public var etaSeconds: Double? {
    guard splicesDone > 0 else { return nil }
    return Double(max(0, splicesTotal - splicesDone)) / splicesPerSecond
  }
}

/// Counts decoded splices from the track workers and reports at most twice a second.
final class VerifyProgressCounter: Sendable {
  private let progress: ThrottledProgress<Int, VerifyProgress>
  private let total: Int

  init(total: Int, report: @escaping @Sendable (VerifyProgress) -> Void) {
    self.total = total
    progress = ThrottledProgress(
      0,
      snapshot: { done, seconds in
        VerifyProgress(splicesDone: done, splicesTotal: total, elapsedSeconds: seconds)
      }, report: report)
  }

  func spliceDone() { progress.update { $0 += 1 } }

  /// A last report, when any splice was selected.
  func finish() { if total > 0 { progress.finish() } }
}
