import Foundation
import HESPCore
import Testing

@Suite struct ThrottledProgressTests {
  private final class Reports: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int] = []
    func add(_ value: Int) {
      lock.lock()
      values.append(value)
      lock.unlock()
    }
    var all: [Int] {
      lock.lock()
      defer { lock.unlock() }
      return values
    }
  }

  @Test func updatesWithinTheIntervalAreCountedButNotReportedUntilFinish() {
    let reports = Reports()
    let progress = ThrottledProgress(
      0, interval: .seconds(3600), snapshot: { count, _ in count }, report: { reports.add($0) })
    for _ in 0..<100 { progress.update { $0 += 1 } }
    #expect(reports.all.isEmpty)
    progress.finish()
    #expect(reports.all == [100])
  }

  @Test func withAZeroIntervalEveryUpdateIsReportedFromAnyThread() {
    let reports = Reports()
    let progress = ThrottledProgress(
      0, interval: .zero, snapshot: { count, seconds in seconds >= 0 ? count : -1 },
      report: { reports.add($0) })
    DispatchQueue.concurrentPerform(iterations: 8) { _ in
      for _ in 0..<25 { progress.update { $0 += 1 } }
    }
    #expect(reports.all.count == 200)
    #expect(reports.all.max() == 200 && reports.all.allSatisfy { $0 > 0 })
  }
}
