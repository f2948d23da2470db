import Foundation
import HESPCore

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
/// `interval` (the slowest track's count: frames every track has finished).
final class ProgressCounter: Sendable {
  private let progress: ThrottledProgress<[Int], PackagingProgress>

  init(
    tracks: Int, total: Int?, interval: Duration = .milliseconds(500),
    report: @escaping @Sendable (PackagingProgress) -> Void
  ) {
    progress = ThrottledProgress(
      Array(repeating: 0, count: tracks), interval: interval,
      snapshot: { done, seconds in
        PackagingProgress(framesDone: done.min() ?? 0, framesTotal: total, elapsedSeconds: seconds)
      }, report: report)
  }

  func update(track: Int, framesDone: Int) {
    progress.update { $0[track] = max($0[track], framesDone) }
  }

  /// A last report (all frames done).
  func finish() { progress.finish() }
}
