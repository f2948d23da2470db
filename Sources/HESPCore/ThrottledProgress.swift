import Foundation

/// Progress state shared by worker threads, reported at most once per `interval` (and once
/// more by `finish()`): the counting behind `hesp package` and `hesp verify` progress lines.
public final class ThrottledProgress<State: Sendable, Report: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var state: State
  private let start = ContinuousClock.now
  private var lastReport = ContinuousClock.now
  private let interval: Duration
  private let snapshot: @Sendable (State, _ elapsedSeconds: Double) -> Report
  private let report: @Sendable (Report) -> Void

  public init(
    _ initial: State, interval: Duration = .milliseconds(500),
    snapshot: @escaping @Sendable (State, _ elapsedSeconds: Double) -> Report,
    report: @escaping @Sendable (Report) -> Void
  ) {
    state = initial
    self.interval = interval
    self.snapshot = snapshot
    self.report = report
  }

  /// Changes the state; reports when the last report is at least `interval` old.
  public func update(_ change: (inout State) -> Void) {
    lock.lock()
    change(&state)
    let now = ContinuousClock.now
    guard now - lastReport >= interval else {
      lock.unlock()
      return
    }
    lastReport = now
    let due = snapshotLocked(now)
    lock.unlock()
    report(due)
  }

  /// A last report.
  public func finish() {
    lock.lock()
    let due = snapshotLocked(.now)
    lock.unlock()
    report(due)
  }

  private func snapshotLocked(_ now: ContinuousClock.Instant) -> Report {
    let elapsed = now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return snapshot(state, seconds)
  }
}
