import Foundation
import HESPTraces

/// What a link direction can carry over time, from the start of the link's clock.
///
/// - `periods`: the trace's piecewise-constant bandwidth, looping as the simulator loops it; a
///   packet is serialized at the rate of the periods it spans (a fluid link: exact at any rate).
/// - `opportunities`: a Mahimahi packet-delivery trace replayed at its own granularity, as
///   `mm-link` does: each timestamp (ms) is one chance to deliver 1,500 bytes, which may finish
///   the packet at the head of the queue and start the next ones; credit left when the queue runs
///   empty is lost. The trace loops every `loopMs` (its last timestamp).
/// - `unlimited`: no rate limit (a fast uplink): only the delay applies.
public enum LinkCapacity: Sendable, Equatable {
  case periods(NetworkTrace)
  case opportunities(timesMs: [Int], loopMs: Int)
  case unlimited

  /// Bytes one Mahimahi delivery opportunity carries (an IP packet of the 1,500-byte MTU).
  public static let bytesPerOpportunity = 1500

  /// Mahimahi opportunities from the text of a `.down`/`.up` file (one ms timestamp per line),
  /// or nil when it is not a valid Mahimahi trace (use the imported periods then).
  public static func mahimahi(text: String) -> LinkCapacity? {
    var times: [Int] = []
    for line in text.split(whereSeparator: \.isNewline) {
      let field = line.trimmingCharacters(in: .whitespaces)
      if field.isEmpty { continue }
      guard let value = Int(field), value >= 0, value >= (times.last ?? 0) else { return nil }
      times.append(value)
    }
    guard let last = times.last, last > 0 else { return nil }
    return .opportunities(timesMs: times, loopMs: last)
  }
}

/// The one-way delay a link direction adds to every packet.
public enum LinkDelay: Sendable, Equatable {
  /// Half the latency of the trace period the packet enters the link in. The simulator charges a
  /// period's latency once per request, as a time to first byte, so a request and its answer
  /// crossing the link in both directions see that latency as their round-trip time.
  case halfLatency(NetworkTrace)
  /// The same delay for every packet.
  case constant(nanoseconds: Int64)
}

/// One direction of an emulated link: a bounded drop-tail queue, a rate, then a delay
/// (Mahimahi's `mm-link` and `mm-delay`).
public struct LinkDirection: Sendable, Equatable {
  public var capacity: LinkCapacity
  public var delay: LinkDelay
  /// Bytes the queue holds (the packet being serialized included); a packet that would exceed it
  /// is dropped. A packet arriving at an empty queue is always accepted.
  public var queueLimitBytes: Int

  /// 100 full-size packets: 4 s of queue at 0.3 Mbit/s, 200 ms at 6 Mbit/s, 60 ms at 20 Mbit/s.
  public static let defaultQueueLimitBytes = 150_000

  public init(
    capacity: LinkCapacity, delay: LinkDelay, queueLimitBytes: Int = Self.defaultQueueLimitBytes
  ) {
    self.capacity = capacity
    self.delay = delay
    self.queueLimitBytes = queueLimitBytes
  }
}

extension LinkDirection {
  /// This direction held at its trace's first period: that period's rate and delay for as long
  /// as it lasts (a Mahimahi capacity is left as it is). What the link runs before the session's
  /// first media request (`EmulatedLink.clockStartsAtMediaRequest`), so the connections the
  /// player warms up on the manifest and frame index learn the rate the session starts on.
  public var heldAtFirstPeriod: LinkDirection {
    func held(_ trace: NetworkTrace) -> NetworkTrace {
      guard var first = trace.periods.first else { return trace }
      first.durationMs = max(first.durationMs, 1)
      return NetworkTrace(periods: [first])
    }
    var direction = self
    if case .periods(let trace) = capacity { direction.capacity = .periods(held(trace)) }
    if case .halfLatency(let trace) = delay { direction.delay = .halfLatency(held(trace)) }
    return direction
  }

  /// The two directions of a link replaying `trace`: the downlink at `capacity` (default: the
  /// trace's periods), delayed by half each period's latency; the uplink with the same delay and
  /// no rate limit (`.fast`) or the downlink's capacity (`.trace`).
  public static func pair(
    trace: NetworkTrace, capacity: LinkCapacity? = nil, uplink: EmulationOptions.Uplink = .fast,
    queueLimitBytes: Int = defaultQueueLimitBytes
  ) -> (downlink: LinkDirection, uplink: LinkDirection) {
    let down = LinkDirection(
      capacity: capacity ?? .periods(trace), delay: .halfLatency(trace),
      queueLimitBytes: queueLimitBytes)
    var up = down
    if uplink == .fast { up.capacity = .unlimited }
    return (down, up)
  }
}
