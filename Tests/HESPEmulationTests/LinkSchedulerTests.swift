import HESPEmulation
import HESPTraces
import Testing

/// The link's arithmetic on a virtual clock: packet arrivals in, delivery times or drops out.
@Suite struct LinkSchedulerTests {
  static let ms: Int64 = 1_000_000

  /// One long period: `mbps` Mbit/s, `rttMs` latency.
  static func constant(
    mbps: Double, rttMs: Double, queueBytes: Int = LinkDirection.defaultQueueLimitBytes
  ) -> LinkScheduler {
    let trace = NetworkTrace(periods: [
      .init(durationMs: 60_000, bandwidthKbps: mbps * 1000, latencyMs: rttMs)
    ])
    return LinkScheduler(
      LinkDirection(
        capacity: .periods(trace), delay: .halfLatency(trace), queueLimitBytes: queueBytes))
  }

  @Test func aPacketOnAnIdleLinkArrivesAfterItsSerializationAndHalfTheLatency() {
    var link = Self.constant(mbps: 12, rttMs: 80)
    // 1,500 bytes at 12 Mbit/s take 1 ms; one way is 40 ms.
    #expect(link.admit(bytes: 1500, at: 0) == .delivered(atNanoseconds: 41 * Self.ms))
  }

  @Test func backToBackPacketsLeaveAtTheLinkRate() {
    var link = Self.constant(mbps: 12, rttMs: 80)
    let times = (0..<5).map { _ in link.admit(bytes: 1500, at: 0) }
    #expect(times == (1...5).map { .delivered(atNanoseconds: (40 + Int64($0)) * Self.ms) })
  }

  @Test func aPacketArrivingAfterTheQueueEmptiedStartsAtItsArrival() {
    var link = Self.constant(mbps: 12, rttMs: 0)
    _ = link.admit(bytes: 1500, at: 0)
    #expect(
      link.admit(bytes: 750, at: 10 * Self.ms)
        == .delivered(atNanoseconds: 10 * Self.ms + Self.ms / 2))
  }

  @Test func theFullQueueDropsThePacketThatDoesNotFitAndTakesOneOnceSpaceFreesUp() {
    var link = Self.constant(mbps: 12, rttMs: 0, queueBytes: 3000)
    #expect(link.admit(bytes: 1500, at: 0) == .delivered(atNanoseconds: 1 * Self.ms))
    #expect(link.admit(bytes: 1500, at: 0) == .delivered(atNanoseconds: 2 * Self.ms))
    #expect(link.admit(bytes: 1500, at: 0) == .dropped)
    // At 1 ms the first packet has left: room for one more, after the second.
    #expect(link.admit(bytes: 1500, at: 1 * Self.ms) == .delivered(atNanoseconds: 3 * Self.ms))
  }

  @Test("a direction held at its first period keeps that period's rate and delay for good")
  func aHeldDirectionKeepsItsFirstPeriod() {
    let trace = NetworkTrace(periods: [
      .init(durationMs: 10, bandwidthKbps: 12_000, latencyMs: 80),
      .init(durationMs: 10, bandwidthKbps: 1_000, latencyMs: 0),
    ])
    let direction = LinkDirection(capacity: .periods(trace), delay: .halfLatency(trace))
    var held = LinkScheduler(direction.heldAtFirstPeriod)
    // 1 s in: still 12 Mbit/s (1 ms per packet) and 40 ms one way.
    #expect(
      held.admit(bytes: 1500, at: 1000 * Self.ms) == .delivered(atNanoseconds: 1041 * Self.ms))
    let unlimited = LinkDirection(capacity: .unlimited, delay: .constant(nanoseconds: 5))
    #expect(unlimited.heldAtFirstPeriod == unlimited)
  }

  @Test("each packet notes the bytes queued ahead of it, the standing queue")
  func theQueueAheadOfEachPacketIsNoted() {
    var link = Self.constant(mbps: 12, rttMs: 0)
    _ = link.admit(bytes: 1500, at: 0)
    #expect(link.queuedBytesAtLastArrival == 0)
    _ = link.admit(bytes: 1500, at: 0)
    #expect(link.queuedBytesAtLastArrival == 1500)
    // At 1.5 ms the first has left and the second is half serialized.
    _ = link.admit(bytes: 1500, at: 3 * Self.ms / 2)
    #expect(link.queuedBytesAtLastArrival == 1500)
    _ = link.admit(bytes: 1500, at: 10 * Self.ms)
    #expect(link.queuedBytesAtLastArrival == 0)
  }

  @Test func aPacketSpanningAPeriodBoundaryIsSerializedAtBothRates() {
    let trace = NetworkTrace(periods: [
      .init(durationMs: 1, bandwidthKbps: 6000, latencyMs: 0),
      .init(durationMs: 100, bandwidthKbps: 12000, latencyMs: 0),
    ])
    var link = LinkScheduler(LinkDirection(capacity: .periods(trace), delay: .halfLatency(trace)))
    // 6,000 of its 12,000 bits in the first ms, the rest at 12 bits per µs: 0.5 ms more.
    #expect(link.admit(bytes: 1500, at: 0) == .delivered(atNanoseconds: 1_500_000))
  }

  @Test func theTraceLoopsAsInTheSimulator() {
    let trace = NetworkTrace(periods: [
      .init(durationMs: 10, bandwidthKbps: 12000, latencyMs: 0),
      .init(durationMs: 10, bandwidthKbps: 1200, latencyMs: 0),
    ])
    var link = LinkScheduler(LinkDirection(capacity: .periods(trace), delay: .halfLatency(trace)))
    // 25 ms is 5 ms into the second pass's fast period.
    #expect(link.admit(bytes: 1500, at: 25 * Self.ms) == .delivered(atNanoseconds: 26 * Self.ms))
    // 35 ms is in the slow period: 10 ms per packet.
    #expect(link.admit(bytes: 150, at: 35 * Self.ms) == .delivered(atNanoseconds: 36 * Self.ms))
  }

  @Test func theDelayFollowsThePeriodAPacketEntersInAndPacketsNeverOvertake() {
    let trace = NetworkTrace(periods: [
      .init(durationMs: 100, bandwidthKbps: 120_000, latencyMs: 200),
      .init(durationMs: 100, bandwidthKbps: 120_000, latencyMs: 20),
    ])
    var link = LinkScheduler(LinkDirection(capacity: .unlimited, delay: .halfLatency(trace)))
    #expect(link.admit(bytes: 100, at: 99 * Self.ms) == .delivered(atNanoseconds: 199 * Self.ms))
    // 101 + 10 = 111 ms, but the packet before it leaves at 199 ms.
    #expect(link.admit(bytes: 100, at: 101 * Self.ms) == .delivered(atNanoseconds: 199 * Self.ms))
    #expect(link.admit(bytes: 100, at: 195 * Self.ms) == .delivered(atNanoseconds: 205 * Self.ms))
  }

  @Test func anUnlimitedDirectionAddsOnlyTheDelay() {
    var link = LinkScheduler(
      LinkDirection(capacity: .unlimited, delay: .constant(nanoseconds: 5 * Self.ms)))
    #expect(
      (0..<3).map { _ in link.admit(bytes: 1500, at: 7 * Self.ms) }
        == Array(repeating: .delivered(atNanoseconds: 12 * Self.ms), count: 3))
  }

  @Test func mahimahiOpportunitiesDeliverOnePacketEachAtTheirOwnMillisecondAndLoop() {
    var link = LinkScheduler(
      LinkDirection(
        capacity: .opportunities(timesMs: [0, 1, 1, 5], loopMs: 5), delay: .constant(nanoseconds: 0)
      ))
    let arrivals: [Int64] = [0, 500_000, 600_000, 700_000, 800_000]
    let deliveries = arrivals.map { link.admit(bytes: 1500, at: $0) }
    // Opportunities at 0, 1, 1, 5 ms; the next pass starts at 5 ms with its own 0.
    #expect(deliveries == [0, 1, 1, 5, 5].map { .delivered(atNanoseconds: $0 * Self.ms) })
  }

  @Test func smallPacketsShareAnOpportunityButItsCreditIsLostOnceTheQueueRunsEmpty() {
    var link = LinkScheduler(
      LinkDirection(
        capacity: .opportunities(timesMs: [0, 1, 2, 3], loopMs: 3), delay: .constant(nanoseconds: 0)
      ))
    #expect(link.admit(bytes: 500, at: 0) == .delivered(atNanoseconds: 0))
    #expect(link.admit(bytes: 500, at: 0) == .delivered(atNanoseconds: 0))
    // 500 bytes of credit are left at 0 ms, but this packet comes after it: the 1 ms opportunity.
    #expect(link.admit(bytes: 500, at: 100_000) == .delivered(atNanoseconds: 1 * Self.ms))
    // A packet larger than the 1,000 bytes left at 1 ms finishes at 2 ms.
    #expect(link.admit(bytes: 1200, at: 100_000) == .delivered(atNanoseconds: 2 * Self.ms))
  }

  @Test func mahimahiTextGivesTheOpportunitiesAndTheLoopLength() {
    #expect(
      LinkCapacity.mahimahi(text: "0\n3\n3\n10\n")
        == .opportunities(timesMs: [0, 3, 3, 10], loopMs: 10))
    #expect(LinkCapacity.mahimahi(text: "5\n3\n") == nil)
    #expect(LinkCapacity.mahimahi(text: "0\n") == nil)
  }

  @Test func aTraceWithoutBandwidthDropsInsteadOfWaitingForever() {
    let trace = NetworkTrace(periods: [.init(durationMs: 100, bandwidthKbps: 0, latencyMs: 10)])
    var link = LinkScheduler(LinkDirection(capacity: .periods(trace), delay: .halfLatency(trace)))
    #expect(link.admit(bytes: 1500, at: 0) == .dropped)
  }

  @Test func aLongTransferAveragesTheNominalRate() {
    // 10,000 packets offered faster than 6 Mbit/s through a large queue: the last leaves at
    // exactly bytes x 8 / rate.
    var link = Self.constant(mbps: 6, rttMs: 0, queueBytes: 100_000_000)
    var last: Int64 = 0
    for index in 0..<10_000 {
      if case .delivered(let at) = link.admit(bytes: 1500, at: Int64(index) * 100_000) { last = at }
    }
    #expect(last == 20_000 * Self.ms)
  }
}
