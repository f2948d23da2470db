import Testing

@testable import HESPSimulator

@Suite struct EventQueueTests {
  @Test func eventsPopInTimeOrder() {
    var queue = EventQueue<String>()
    queue.schedule("c", atMs: 30)
    queue.schedule("a", atMs: 10)
    queue.schedule("b", atMs: 20)
    var popped: [String] = []
    while let event = queue.popNext() { popped.append(event.kind) }
    #expect(popped == ["a", "b", "c"])
  }

  @Test func eventsAtTheSameInstantPopInSchedulingOrder() {
    var queue = EventQueue<Int>()
    for value in 0..<50 { queue.schedule(value, atMs: 7) }
    queue.schedule(-1, atMs: 3)
    var popped: [Int] = []
    while let event = queue.popNext() { popped.append(event.kind) }
    #expect(popped == [-1] + Array(0..<50))
  }

  @Test func anEmptyQueuePopsNothing() {
    var queue = EventQueue<Int>()
    #expect(queue.popNext() == nil)
    #expect(queue.isEmpty)
  }
}
