import Foundation

/// Runs independent jobs on up to `workers` threads; a free thread takes the next job, so
/// uneven jobs still keep every thread busy. Results come back in job order.
enum ParallelWork {
  static func map<T: Sendable>(count: Int, workers: Int, _ body: @Sendable (Int) -> T) -> [T] {
    let slots = Slots<T>(count: count)
    DispatchQueue.concurrentPerform(iterations: max(1, min(workers, count))) { _ in
      while let index = slots.takeIndex() { slots.set(index, body(index)) }
    }
    return slots.values()
  }

  private final class Slots<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var results: [T?]

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func takeIndex() -> Int? {
      lock.lock()
      defer { lock.unlock() }
      guard next < results.count else { return nil }
      next += 1
      return next - 1
    }

    func set(_ index: Int, _ value: T) {
      lock.lock()
      results[index] = value
      lock.unlock()
    }

    func values() -> [T] {
      lock.lock()
      defer { lock.unlock() }
      return results.compactMap { $0 }
    }
  }
}
