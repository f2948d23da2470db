import Dispatch
import Foundation
import Synchronization

/// A thread of its own for work that must not run on Swift's cooperative pool: FFmpeg encodes
/// that block for a frame's time on a bounded pipeline (the packager's and the live encoder's
/// rungs), and real-time pacing (the emulated link, `SCHED_FIFO`). It starts at once and runs
/// `body`; `join()` blocks until it has ended (from another thread), `value()` awaits it (from a
/// task, without blocking a pool thread).
///
/// The package's threads start here only: everything else is structured concurrency
/// (`concurrentMap`, task groups, services), and shared state is a `Mutex`.
public final class DedicatedThread<Value: Sendable, Failure: Error>: Sendable {
  private struct State {
    var outcome: Result<Value, Failure>?
    var waiters: [CheckedContinuation<Void, Never>] = []
  }

  private let state = Mutex(State())
  /// Signalled once when `body` has ended (the only place a thread waits for another's end).
  private let ended = DispatchSemaphore(value: 0)

  /// Starts a thread named `name` (shown by debuggers and `top -H`; at most 15 bytes on Linux)
  /// with a stack of `stackSize` bytes, running `body`.
  public init(
    name: String, stackSize: Int = 8 << 20,
    _ body: @escaping @Sendable () throws(Failure) -> Value
  ) {
    let thread = Thread { [self] in
      let result = Result(catching: body)
      let waiters = state.withLock { state in
        state.outcome = result
        defer { state.waiters = [] }
        return state.waiters
      }
      ended.signal()
      for waiter in waiters { waiter.resume() }
    }
    thread.name = name
    thread.stackSize = stackSize
    thread.start()
  }

  /// Blocks until `body` has ended; its value, or rethrows its error. Any number of calls, from
  /// any thread but the pool's (it blocks), return the same outcome.
  public func join() throws(Failure) -> Value {
    ended.wait()
    ended.signal()
    return try state.withLock { $0.outcome! }.get()
  }

  /// Awaits the end of `body` without blocking; its value, or rethrows its error. (A method: an
  /// `async throws(Failure)` property getter crashes Swift 6.3's SILGen when `Failure` is `Never`.)
  public func value() async throws(Failure) -> Value {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      let hasEnded = state.withLock { state in
        if state.outcome == nil { state.waiters.append(continuation) }
        return state.outcome != nil
      }
      if hasEnded { continuation.resume() }
    }
    return try state.withLock { $0.outcome! }.get()
  }
}
