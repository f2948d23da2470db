import Foundation
import Synchronization

/// Progress state shared by worker threads, reported at most once per `interval` (and once
/// more by `finish()`): the counting behind `hesp package` and `hesp verify` progress lines.
public final class ThrottledProgress<State: Sendable, Report: Sendable>: Sendable {
  private struct Shared {
    var state: State
    var lastReport = ContinuousClock.now
  }

  private let shared: Mutex<Shared>
  private let start = ContinuousClock.now
  private let interval: Duration
  private let snapshot: @Sendable (State, _ elapsedSeconds: Double) -> Report
  private let report: @Sendable (Report) -> Void

  public init(
    _ initial: State, interval: Duration = .milliseconds(500),
    snapshot: @escaping @Sendable (State, _ elapsedSeconds: Double) -> Report,
    report: @escaping @Sendable (Report) -> Void
  ) {
    shared = Mutex(Shared(state: initial))
    self.interval = interval
    self.snapshot = snapshot
    self.report = report
  }

  /// Changes the state; reports when the last report is at least `interval` old.
  public func update(_ change: (inout State) -> Void) {
    let due = shared.withLock { shared -> Report? in
      change(&shared.state)
      let now = ContinuousClock.now
      guard now - shared.lastReport >= interval else { return nil }
      shared.lastReport = now
      return snapshot(shared.state, seconds(since: now))
    }
    if let due { report(due) }
  }

  /// A last report.
  public func finish() {
    let due = shared.withLock { snapshot($0.state, seconds(since: .now)) }
    report(due)
  }

  private func seconds(since now: ContinuousClock.Instant) -> Double {
    let elapsed = now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
  }
}
