/// A deterministic priority queue of events: a binary min-heap on `(time, sequence)`.
public struct EventQueue<Kind: Sendable>: Sendable {
  private var heap: [ScheduledEvent<Kind>] = []
  private var nextSequence: UInt64 = 0

  public init() {}

  /// Number of pending events.
  public var count: Int { heap.count }
  public var isEmpty: Bool { heap.isEmpty }

  /// Schedules `kind` at `timeMs`. Events at equal times pop in scheduling order.
  public mutating func schedule(_ kind: Kind, atMs timeMs: Double) {
    heap.append(ScheduledEvent(timeMs: timeMs, sequence: nextSequence, kind: kind))
    nextSequence += 1
    var child = heap.count - 1
    while child > 0 {
      let parent = (child - 1) / 2
      guard heap[child].precedes(heap[parent]) else { break }
      heap.swapAt(child, parent)
      child = parent
    }
  }

  /// Removes and returns the earliest event.
  public mutating func popNext() -> ScheduledEvent<Kind>? {
    guard !heap.isEmpty else { return nil }
    heap.swapAt(0, heap.count - 1)
    let next = heap.removeLast()
    var parent = 0
    while true {
      let left = 2 * parent + 1
      let right = left + 1
      var first = parent
      if left < heap.count && heap[left].precedes(heap[first]) { first = left }
      if right < heap.count && heap[right].precedes(heap[first]) { first = right }
      if first == parent { break }
      heap.swapAt(parent, first)
      parent = first
    }
    return next
  }
}
