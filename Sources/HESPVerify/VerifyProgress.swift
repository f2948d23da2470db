import Foundation

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

/// Counts decoded splices from the track workers and reports at most every `interval`.
final class VerifyProgressCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var done = 0
  private let total: Int
  private let start = ContinuousClock.now
  private var lastReport = ContinuousClock.now
  private let interval: Duration
  private let report: @Sendable (VerifyProgress) -> Void

  init(
    total: Int, interval: Duration = .milliseconds(500),
    report: @escaping @Sendable (VerifyProgress) -> Void
  ) {
    self.total = total
    self.interval = interval
    self.report = report
  }

  func spliceDone() {
    lock.lock()
    done += 1
    let now = ContinuousClock.now
    guard now - lastReport >= interval else {
      lock.unlock()
      return
    }
    lastReport = now
    let snapshot = snapshotLocked(now)
    lock.unlock()
    report(snapshot)
  }

  /// A last report, when any splice was selected.
  func finish() {
    lock.lock()
    let snapshot = snapshotLocked(.now)
    lock.unlock()
    if total > 0 { report(snapshot) }
  }

  private func snapshotLocked(_ now: ContinuousClock.Instant) -> VerifyProgress {
    let elapsed = now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return VerifyProgress(splicesDone: done, splicesTotal: total, elapsedSeconds: seconds)
  }
}
