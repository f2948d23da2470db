import Foundation
import HESPCore
import Synchronization
import Testing

@Suite struct DedicatedThreadTests {
  struct Failure: Error, Equatable {}

  @Test("join returns what the body returned, to every caller")
  func joinReturnsTheValue() {
    let thread = DedicatedThread(name: "hesp-test") { () throws(Never) -> Int in 6 * 7 }
    #expect(thread.join() == 42)
    #expect(thread.join() == 42)
  }

  @Test("join rethrows what the body threw")
  func joinRethrows() {
    let thread = DedicatedThread(name: "hesp-test") { () throws(Failure) -> Int in
      throw Failure()
    }
    #expect(throws: Failure()) { try thread.join() }
  }

  @Test("join waits for the body to end")
  func joinWaits() {
    let done = Mutex(false)
    let thread = DedicatedThread(name: "hesp-test", stackSize: 1 << 20) { () throws(Never) in
      Thread.sleep(forTimeInterval: 0.02)
      done.withLock { $0 = true }
    }
    thread.join()
    #expect(done.withLock { $0 })
  }
}

@Suite struct DedicatedThreadValueTests {
  @Test("a task awaits the thread's value, before and after it has ended")
  func valueIsAwaited() async {
    let thread = DedicatedThread(name: "hesp-test") { () throws(Never) -> Int in
      Thread.sleep(forTimeInterval: 0.02)
      return 7
    }
    #expect(await thread.value() == 7)
    #expect(await thread.value() == 7)
  }

  @Test("awaiting the value rethrows the body's error")
  func valueRethrows() async {
    let thread = DedicatedThread(name: "hesp-test") { () throws(DedicatedThreadTests.Failure) in
      throw DedicatedThreadTests.Failure()
    }
    await #expect(throws: DedicatedThreadTests.Failure()) { try await thread.value() }
  }
}
