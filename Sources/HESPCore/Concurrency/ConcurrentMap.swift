import Foundation

extension Collection where Self: Sendable, Element: Sendable {
  /// `map` with up to `maxConcurrency` elements transformed at once, in a task group: a finished
  /// element makes room for the next (in collection order), so uneven work keeps every slot
  /// busy. The results come back in the collection's order, whatever the order of completion.
  ///
  /// The one bounded parallel loop of the package (`hesp verify`'s box checks and splice
  /// decodes, the study's sessions, `simulate`'s batch). CPU-bound work belongs here: it runs on
  /// Swift's cooperative pool, whose width is the number of cores, and the caller awaits it;
  /// never wait for it from a thread (a semaphore would block a pool thread it needs).
  /// - Parameter maxConcurrency: at most this many transforms run at a time (at least one).
  public func concurrentMap<T: Sendable>(
    maxConcurrency: Int = ProcessInfo.processInfo.activeProcessorCount,
    _ transform: @escaping @Sendable (Element) async -> T
  ) async -> [T] {
    let elements = Array(self)
    let width = Swift.max(1, Swift.min(maxConcurrency, elements.count))
    return await withTaskGroup(of: (Int, T).self) { group in
      var results = [T?](repeating: nil, count: elements.count)
      var next = 0
      func addNext() {
        let index = next
        let element = elements[index]
        next += 1
        group.addTask { (index, await transform(element)) }
      }
      while next < width && next < elements.count { addNext() }
      while let (index, value) = await group.next() {
        results[index] = value
        if next < elements.count { addNext() }
      }
      return results.map { $0! }
    }
  }
}
