import Foundation
import Testing

@testable import HESPVerify

@Suite struct ParallelWorkTests {
  @Test func everyJobRunsOnceAndResultsComeBackInJobOrder() {
    let counts = JobCounts(count: 50)
    let results = ParallelWork.map(count: 50, workers: 4) { job in
      counts.record(job)
      // Uneven jobs: later ones finish first.
      Thread.sleep(forTimeInterval: Double(50 - job) / 20_000)
      return job * job
    }
    #expect(results == (0..<50).map { $0 * $0 })
    #expect(counts.all == Array(repeating: 1, count: 50))
    #expect(ParallelWork.map(count: 0, workers: 4) { $0 }.isEmpty)
    #expect(ParallelWork.map(count: 3, workers: 0) { $0 + 1 } == [1, 2, 3])
  }

  private final class JobCounts: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [Int]
    init(count: Int) { counts = Array(repeating: 0, count: count) }
    func record(_ job: Int) {
      lock.lock()
      counts[job] += 1
      lock.unlock()
    }
    var all: [Int] {
      lock.lock()
      defer { lock.unlock() }
      return counts
    }
  }
}
