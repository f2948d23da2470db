import Foundation

/// A bounded blocking queue between two `DedicatedThread`s of the pipeline (decoded source frames to a
/// rendition worker; continuation chunks and reconstructions to its init stage). Closing ends
/// the stream; a consumer that failed cancels it, after which `push` returns false so the
/// producer stops instead of blocking.
// @unchecked: its state is guarded by `condition` (a Mutex cannot wait for a change).
public final class BlockingQueue<Element: Sendable>: @unchecked Sendable {
  private let condition = NSCondition()
  private var items: [Element] = []
  private var isClosed = false
  private var isCancelled = false
  private let capacity: Int

  public init(capacity: Int) { self.capacity = capacity }

  /// Adds `item` unless the queue is full or cancelled (never blocks): false when it did not.
  public func tryPush(_ item: Element) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    guard items.count < capacity, !isCancelled, !isClosed else { return false }
    items.append(item)
    condition.broadcast()
    return true
  }

  /// Items waiting.
  public var count: Int {
    condition.lock()
    defer { condition.unlock() }
    return items.count
  }

  /// Blocks while the queue is full; false when the consumer has cancelled.
  public func push(_ item: Element) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    while items.count >= capacity && !isCancelled { condition.wait() }
    if isCancelled { return false }
    items.append(item)
    condition.broadcast()
    return true
  }

  /// Blocks until an item is available; nil at the end of the stream (or when cancelled).
  public func pop() -> Element? {
    condition.lock()
    defer { condition.unlock() }
    while items.isEmpty && !isClosed && !isCancelled { condition.wait() }
    if isCancelled || items.isEmpty { return nil }
    let item = items.removeFirst()
    condition.broadcast()
    return item
  }

  public func close() {
    condition.lock()
    isClosed = true
    condition.broadcast()
    condition.unlock()
  }

  public func cancel() {
    condition.lock()
    isCancelled = true
    items.removeAll()
    condition.broadcast()
    condition.unlock()
  }
}
