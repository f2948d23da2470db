import HESPTraces

/// The arithmetic of one link direction, with no clock: given a packet's size and the time it
/// reaches the link, when it leaves the other end, or that the full queue drops it.
///
/// A packet waits behind the packets queued before it (FIFO), is serialized at the capacity of
/// the trace (`LinkCapacity`), then travels for the direction's one-way delay (`LinkDelay`).
/// Packets leave in the order they came, also when the delay shrinks from one period to the next.
/// The queue holds the packets whose serialization has not finished when a packet arrives;
/// beyond `queueLimitBytes` the arriving packet is dropped (drop-tail).
///
/// Times are nanoseconds since the link's clock started; calls come in order of arrival time.
public struct LinkScheduler: Sendable {
  public let direction: LinkDirection
  private let capacityClock: PeriodClock?
  private let delayClock: PeriodClock?
  /// Serialization end and size of every packet still queued, oldest first.
  private var queued: [(finishNs: Double, bytes: Int)] = []
  private var queuedHead = 0
  /// Bytes queued (their serialization not finished) when the last packet arrived, itself
  /// excluded: the standing queue it waited behind.
  public private(set) var queuedBytesAtLastArrival = 0
  private var queuedBytes = 0
  /// When the last accepted packet finished serializing (the link is busy until then).
  private var busyUntilNs = 0.0
  private var lastDeliveryNs: Int64 = 0
  /// Mahimahi: the global index of the opportunity last used and the bytes it has left.
  private var opportunity = -1
  private var creditBytes = 0

  public init(_ direction: LinkDirection) {
    self.direction = direction
    if case .periods(let trace) = direction.capacity {
      capacityClock = PeriodClock(trace)
    } else {
      capacityClock = nil
    }
    if case .halfLatency(let trace) = direction.delay {
      delayClock = PeriodClock(trace)
    } else {
      delayClock = nil
    }
  }

  /// What happened to one packet.
  public enum Outcome: Sendable, Equatable {
    /// Leaves the link at this time (ns).
    case delivered(atNanoseconds: Int64)
    /// The queue was full.
    case dropped
  }

  /// Admits a packet of `bytes` arriving at `arrivalNs` (not before the previous arrival).
  public mutating func admit(bytes: Int, at arrivalNs: Int64) -> Outcome {
    let arrival = Double(arrivalNs)
    while queuedHead < queued.count, queued[queuedHead].finishNs <= arrival {
      queuedBytes -= queued[queuedHead].bytes
      queuedHead += 1
    }
    if queuedHead > 1024, queuedHead * 2 > queued.count {
      queued.removeFirst(queuedHead)
      queuedHead = 0
    }
    queuedBytesAtLastArrival = queuedBytes
    if queuedBytes > 0, queuedBytes + bytes > direction.queueLimitBytes { return .dropped }
    let finish: Double
    switch direction.capacity {
    case .unlimited:
      finish = arrival
    case .periods:
      guard
        let end = capacityClock?.finish(
          bits: Double(bytes * 8), startingAt: max(arrival, busyUntilNs))
      else {
        return .dropped
      }
      finish = end
    case .opportunities(let timesMs, let loopMs):
      finish = serializeOnOpportunities(
        bytes: bytes, arrivalNs: arrival, timesMs: timesMs, loopMs: loopMs)
    }
    busyUntilNs = max(busyUntilNs, finish)
    queued.append((finish, bytes))
    queuedBytes += bytes
    let delivery = max(lastDeliveryNs, Int64(finish.rounded(.up)) + delayNs(at: arrival))
    lastDeliveryNs = delivery
    return .delivered(atNanoseconds: delivery)
  }

  /// The one-way delay of a packet entering the link at `timeNs`.
  func delayNs(at timeNs: Double) -> Int64 {
    switch direction.delay {
    case .constant(let nanoseconds): return nanoseconds
    case .halfLatency:
      guard let clock = delayClock else { return 0 }
      return Int64((clock.periods[clock.locate(timeNs).index].latencyMs * 500_000).rounded())
    }
  }

  /// Mahimahi's `mm-link`: the packet uses what is left of the opportunity that finished the
  /// previous packet when it was already queued by then, then whole opportunities from the first
  /// one at or after its arrival.
  private mutating func serializeOnOpportunities(
    bytes: Int, arrivalNs: Double, timesMs: [Int], loopMs: Int
  ) -> Double {
    func time(_ index: Int) -> Double {
      let pass = index / timesMs.count
      return (Double(pass) * Double(loopMs) + Double(timesMs[index % timesMs.count])) * 1_000_000
    }
    var remaining = bytes
    if opportunity >= 0, creditBytes > 0, time(opportunity) >= arrivalNs {
      let used = min(creditBytes, remaining)
      creditBytes -= used
      remaining -= used
      if remaining == 0 { return time(opportunity) }
    }
    // The first opportunity after the one last used that is at or after the arrival.
    var next = opportunity + 1
    if time(next) < arrivalNs {
      let arrivalMs = arrivalNs / 1_000_000
      let pass = Int((arrivalMs / Double(loopMs)).rounded(.down))
      let offsetMs = arrivalMs - Double(pass) * Double(loopMs)
      var low = 0
      var high = timesMs.count
      while low < high {
        let middle = (low + high) / 2
        if Double(timesMs[middle]) < offsetMs { low = middle + 1 } else { high = middle }
      }
      next = max(next, pass * timesMs.count + low)
      while time(next) < arrivalNs { next += 1 }
    }
    while true {
      opportunity = next
      let used = min(LinkCapacity.bytesPerOpportunity, remaining)
      creditBytes = LinkCapacity.bytesPerOpportunity - used
      remaining -= used
      if remaining == 0 { return time(opportunity) }
      next += 1
    }
  }
}
