import HESPCore
import Synchronization
import Testing

@Suite struct ThrottledProgressTests {
  @Test func updatesWithinTheIntervalAreCountedButNotReportedUntilFinish() {
    let reports = Mutex<[Int]>([])
    let progress = ThrottledProgress(
      0, interval: .seconds(3600), snapshot: { count, _ in count },
      report: { value in reports.withLock { $0.append(value) } })
    for _ in 0..<100 { progress.update { $0 += 1 } }
    #expect(reports.withLock { $0 }.isEmpty)
    progress.finish()
    #expect(reports.withLock { $0 } == [100])
  }

  @Test func withAZeroIntervalEveryUpdateIsReportedFromAnyTask() async {
    let reports = Mutex<[Int]>([])
    let progress = ThrottledProgress(
      0, interval: .zero, snapshot: { count, seconds in seconds >= 0 ? count : -1 },
      report: { value in reports.withLock { $0.append(value) } })
    _ = await (0..<8).concurrentMap(maxConcurrency: 8) { _ in
      for _ in 0..<25 { progress.update { $0 += 1 } }
    }
    let all = reports.withLock { $0 }
    #expect(all.count == 200)
    #expect(all.max() == 200 && all.allSatisfy { $0 > 0 })
  }
}
