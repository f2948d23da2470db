import Foundation

/// A progress snapshot: frames packaged in every track (the slowest track counts).
public struct PackagingProgress: Sendable, Equatable {
  public var framesDone: Int
  /// Expected total (nil when the container does not announce it).
  public var framesTotal: Int?
  public var elapsedSeconds: Double

  public var framesPerSecond: Double {
    elapsedSeconds > 0 ? Double(framesDone) / elapsedSeconds : 0
  }

  /// Seconds left at the current speed; nil when unknown.
  public var etaSeconds: Double? {
    guard let framesTotal, framesDone > 0 else { return nil }
    return Double(max(0, framesTotal - framesDone)) / framesPerSecond
  }
}

/// Counts frames done per track from the worker threads and reports at most every
/// `interval` seconds.
final class ProgressCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var done: [Int]
  private let total: Int?
  private let start = ContinuousClock.now
  private var lastReport = ContinuousClock.now
  private let interval: Duration
  private let report: @Sendable (PackagingProgress) -> Void

  init(
    tracks: Int, total: Int?, interval: Duration = .milliseconds(500),
    report: @escaping @Sendable (PackagingProgress) -> Void
  ) {
    done = Array(repeating: 0, count: tracks)
    self.total = total
    self.interval = interval
    self.report = report
  }

  func update(track: Int, framesDone: Int) {
    lock.lock()
    done[track] = max(done[track], framesDone)
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

  /// A last report (all frames done).
  func finish() {
    lock.lock()
    let snapshot = snapshotLocked(.now)
    lock.unlock()
    report(snapshot)
  }

  private func snapshotLocked(_ now: ContinuousClock.Instant) -> PackagingProgress {
    let elapsed = now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return PackagingProgress(
      framesDone: done.min() ?? 0, framesTotal: total, elapsedSeconds: seconds)
  }
}
