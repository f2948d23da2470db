import Foundation
import HESPFFmpeg

/// A bounded blocking queue of decoded source frames from the decoding thread to one
/// rendition worker. Closing ends the stream; a consumer that failed cancels it, after which
/// `push` returns false so the producer stops instead of blocking.
final class FrameQueue: @unchecked Sendable {
  private let condition = NSCondition()
  private var items: [Frame] = []
  private var isClosed = false
  private var isCancelled = false
  private let capacity: Int

  init(capacity: Int) { self.capacity = capacity }

  /// Blocks while the queue is full; false when the consumer has cancelled.
  func push(_ frame: Frame) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    while items.count >= capacity && !isCancelled { condition.wait() }
    if isCancelled { return false }
    items.append(frame)
    condition.broadcast()
    return true
  }

  /// Blocks until a frame is available; nil at the end of the stream.
  func pop() -> Frame? {
    condition.lock()
    defer { condition.unlock() }
    while items.isEmpty && !isClosed && !isCancelled { condition.wait() }
    if isCancelled || items.isEmpty { return nil }
    let frame = items.removeFirst()
    condition.broadcast()
    return frame
  }

  func close() {
    condition.lock()
    isClosed = true
    condition.broadcast()
    condition.unlock()
  }

  func cancel() {
    condition.lock()
    isCancelled = true
    items.removeAll()
    condition.broadcast()
    condition.unlock()
  }
}
