import Foundation
import HESPCore

/// Sessions done of the total, their rate and the time left, reported at most every `interval`
/// (and once at the end) as one line: `study: 840/8400 sessions (10%), 310/s, 25 s left`.
public final class StudyProgress: Sendable {
  private let counter: ThrottledProgress<Int, String>
  private let total: Int

  public init(
    total: Int, interval: Duration = .seconds(1), report: @escaping @Sendable (String) -> Void
  ) {
    self.total = total
    counter = ThrottledProgress(
      0, interval: interval,
      snapshot: { done, elapsed in Self.line(done: done, total: total, elapsedSeconds: elapsed) },
      report: report)
  }

  func sessionDone() { counter.update { $0 += 1 } }

  /// The last line.
  public func finish() { counter.finish() }

  static func line(done: Int, total: Int, elapsedSeconds: Double) -> String {
    let percent = total > 0 ? 100 * done / total : 100
    let rate = elapsedSeconds > 0 ? Double(done) / elapsedSeconds : 0
    let left = rate > 0 ? Double(total - done) / rate : 0
    return
      "study: \(done)/\(total) sessions (\(percent)%), \(StudyFormat.number(rate, decimals: 0))/s, "
      + "\(StudyFormat.number(left, decimals: 0)) s left"
  }
}
