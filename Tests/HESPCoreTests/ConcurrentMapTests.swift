import HESPCore
import Synchronization
import Testing

@Suite struct ConcurrentMapTests {
  @Test("every element is transformed once and the results come back in the collection's order")
  func everyElementOnceInOrder() async throws {
    let counts = Mutex([Int](repeating: 0, count: 50))
    let results = await Array(0..<50).concurrentMap(maxConcurrency: 4) { job in
      counts.withLock { $0[job] += 1 }
      // Uneven jobs: later ones finish first.
      try? await Task.sleep(for: .microseconds(50 * (50 - job)))
      return job * job
    }
    #expect(results == (0..<50).map { $0 * $0 })
    #expect(counts.withLock { $0 } == Array(repeating: 1, count: 50))
  }

  @Test("an empty collection gives no results, and a width below one still runs one at a time")
  func emptyAndNarrow() async {
    #expect(await [Int]().concurrentMap(maxConcurrency: 4) { $0 }.isEmpty)
    #expect(await [0, 1, 2].concurrentMap(maxConcurrency: 0) { $0 + 1 } == [1, 2, 3])
  }

  @Test("no more than maxConcurrency transforms run at once")
  func widthIsBounded() async {
    struct Running { var now = 0, most = 0 }
    let running = Mutex(Running())
    _ = await Array(0..<24).concurrentMap(maxConcurrency: 3) { _ in
      running.withLock {
        $0.now += 1
        $0.most = max($0.most, $0.now)
      }
      try? await Task.sleep(for: .milliseconds(2))
      running.withLock { $0.now -= 1 }
    }
    #expect(running.withLock { $0.most } <= 3)
  }
}
