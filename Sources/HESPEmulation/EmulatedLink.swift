import Foundation
import HESPCore
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// A userspace link between two TUN devices, one per namespace, in both directions: packets
/// read from the server side go through the downlink's `LinkScheduler` to the client side, and
/// the other way through the uplink's. One dedicated thread reads the devices as packets come
/// (stamped with the monotonic clock), and writes each at its delivery time, woken by a
/// `timerfd` armed at nanosecond resolution. The link's clock (time 0 of the trace) starts with
/// the first packet the client side sends. Only IPv4 packets between the two configured
/// addresses cross; anything else (IPv6 router solicitations, stray traffic) is counted and
/// dropped, so no traffic leaves the two namespaces. The thread asks for real-time priority
/// (`SCHED_FIFO`, as root) so that a busy machine delays its wake-ups as little as possible:
/// that is why it is a `DedicatedThread` and not a task (a pool thread cannot change its
/// scheduling class, and pacing at nanosecond resolution cannot wait for a free pool thread).
public final class EmulatedLink: Sendable {
  /// Counters of one direction, and how late packets were written compared with their schedule.
  public struct DirectionStatistics: Sendable, Equatable {
    public var packets = 0
    public var bytes = 0
    public var dropped = 0
    public var ignored = 0
    public var delivered = 0
    public var deliveredBytes = 0
    /// Write time minus scheduled delivery time, ns, of every delivered packet (up to 2^20).
    public var latenessNs: [Int64] = []
    /// Bytes already queued when each accepted packet arrived (up to 2^20): the standing queue
    /// at the bottleneck that TCP builds (a closed transfer's data waits there too).
    public var queuedBytesAtArrival: [Int] = []
    /// Monotonic times of the first and last delivery.
    public var firstDeliveryNs: Int64?
    public var lastDeliveryNs: Int64?

    /// The queue a packet found at quantile `q` (0...1), bytes; nil without packets.
    public func queuedBytes(quantile q: Double) -> Int? {
      guard !queuedBytesAtArrival.isEmpty else { return nil }
      let sorted = queuedBytesAtArrival.sorted()
      return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * q).rounded()))]
    }

    /// The lateness at quantile `q` (0...1), µs; nil without deliveries.
    public func latenessMicroseconds(quantile q: Double) -> Double? {
      guard !latenessNs.isEmpty else { return nil }
      let sorted = latenessNs.sorted()
      let index = min(sorted.count - 1, Int((Double(sorted.count - 1) * q).rounded()))
      return Double(sorted[index]) / 1000
    }
  }

  public struct Statistics: Sendable, Equatable {
    public var downlink = DirectionStatistics()
    public var uplink = DirectionStatistics()
    /// Whether the link's thread ran at real-time priority.
    public var realtime = false
  }

  public let server: TunDevice
  public let client: TunDevice
  private let serverAddress: UInt32
  private let clientAddress: UInt32
  private let downlink: LinkDirection
  private let uplink: LinkDirection
  /// Restart the trace's clock (time 0, fresh schedulers) at the first `GET` the client sends
  /// for anything but `manifest.json` or `frame-index.json`: the player's session starts there,
  /// as the simulator's does at time 0 of its trace. Until then the link holds the trace's first
  /// period (`LinkDirection.heldAtFirstPeriod`), so the connections warmed up on the manifest and
  /// frame index know the rate the session starts at. Set before `start()`.
  public var clockStartsAtMediaRequest: Bool {
    get { startsAtMediaRequest.load(ordering: .relaxed) }
    set { startsAtMediaRequest.store(newValue, ordering: .relaxed) }
  }
  private let startsAtMediaRequest = Atomic(false)
  private let statistics = Mutex(Statistics())
  private let thread = Mutex<DedicatedThread<Void, Never>?>(nil)
  private let stopDescriptor: Int32
  private let stopWriteDescriptor: Int32
  private let timerDescriptor: Int32

  /// - Parameters:
  ///   - server, client: the two devices, already configured with `serverAddress` and `clientAddress`.
  ///   - downlink: server to client (the media); uplink: client to server (requests, ACKs).
  public init(
    server: TunDevice, serverAddress: String, client: TunDevice, clientAddress: String,
    downlink: LinkDirection,
    uplink: LinkDirection
  ) throws {
    guard let serverIP = Self.ipv4(serverAddress), let clientIP = Self.ipv4(clientAddress) else {
      throw EmulationError("not IPv4 addresses: \(serverAddress), \(clientAddress)")
    }
    self.server = server
    self.client = client
    self.serverAddress = serverIP
    self.clientAddress = clientIP
    self.downlink = downlink
    self.uplink = uplink
    var ends: [Int32] = [-1, -1]
    guard pipe(&ends) == 0 else {
      throw EmulationError("cannot create the link's stop pipe: \(SystemCalls.errorText())")
    }
    for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
    stopDescriptor = ends[0]
    stopWriteDescriptor = ends[1]
    timerDescriptor = SystemCalls.makeMonotonicTimer()
    guard timerDescriptor >= 0 else {
      throw EmulationError("cannot create the link's timer: \(SystemCalls.errorText())")
    }
  }

  deinit {
    close(stopDescriptor)
    close(stopWriteDescriptor)
    if timerDescriptor >= 0 { close(timerDescriptor) }
  }

  /// `a.b.c.d` as a host-order integer.
  static func ipv4(_ text: String) -> UInt32? {
    let parts = text.split(separator: ".").compactMap { UInt32($0) }
    guard parts.count == 4, parts.allSatisfy({ $0 < 256 }) else { return nil }
    return parts.reduce(0) { $0 << 8 | $1 }
  }

  /// Starts the link's thread.
  public func start() {
    thread.withLock { thread in
      thread = DedicatedThread(name: "hesp-link", stackSize: 1 << 20) { [self] in run() }
    }
  }

  /// Stops the thread (packets still in flight are dropped) and returns the counters.
  @discardableResult
  public func stop() -> Statistics {
    if let running = thread.withLock({ $0.take() }) {
      var one: UInt8 = 1
      _ = write(stopWriteDescriptor, &one, 1)
      running.join()
    }
    return statistics.withLock { $0 }
  }

  /// The counters so far.
  public var currentStatistics: Statistics { statistics.withLock { $0 } }

  // MARK: - The link's thread

  private struct Pending {
    var deliveryNs: Int64
    var packet: [UInt8]
  }

  /// One direction's state on the thread.
  private struct Lane {
    var scheduler: LinkScheduler
    var pending: [Pending] = []
    var head = 0
    var statistics = DirectionStatistics()

    var nextDeliveryNs: Int64? { head < pending.count ? pending[head].deliveryNs : nil }

    mutating func compact() {
      if head > 256, head * 2 > pending.count {
        pending.removeFirst(head)
        head = 0
      }
    }
  }

  /// Real-time priority of the link's thread (`SCHED_FIFO`), when the system grants it: the
  /// thread sleeps between packets, and wakes on time even when every core is busy.
  public static let realtimePriority: Int32 = 10

  private func run() {
    var parameters = sched_param()
    parameters.sched_priority = Self.realtimePriority
    let realtime = pthread_setschedparam(pthread_self(), SCHED_FIFO, &parameters) == 0
    statistics.withLock { $0.realtime = realtime }
    // Until the first media request (when that restarts the clock), the trace is held at its
    // first period: the manifest and frame index cross the link the session starts on.
    let held = clockStartsAtMediaRequest
    var down = Lane(scheduler: LinkScheduler(held ? downlink.heldAtFirstPeriod : downlink))
    var up = Lane(scheduler: LinkScheduler(held ? uplink.heldAtFirstPeriod : uplink))
    var originNs: Int64?
    var awaitingMedia = clockStartsAtMediaRequest
    var noRestart = false
    var buffer = [UInt8](repeating: 0, count: 65_536)
    var descriptors = [
      pollfd(fd: server.fileDescriptor, events: Int16(POLLIN), revents: 0),
      pollfd(fd: client.fileDescriptor, events: Int16(POLLIN), revents: 0),
      pollfd(fd: timerDescriptor, events: Int16(POLLIN), revents: 0),
      pollfd(fd: stopDescriptor, events: Int16(POLLIN), revents: 0),
    ]
    var lastPublishNs: Int64 = 0
    while true {
      // Write everything due, then sleep until the next delivery or a packet.
      deliver(&down, to: client.fileDescriptor)
      deliver(&up, to: server.fileDescriptor)
      arm(timerAt: [down.nextDeliveryNs, up.nextDeliveryNs].compactMap { $0 }.min())
      for index in descriptors.indices { descriptors[index].revents = 0 }
      let ready = poll(&descriptors, nfds_t(descriptors.count), -1)
      if ready < 0 && errno == EINTR { continue }
      if descriptors[3].revents != 0 { break }
      if descriptors[2].revents != 0 {
        var expirations: UInt64 = 0
        _ = read(timerDescriptor, &expirations, 8)
      }
      if descriptors[1].revents != 0 {
        receive(
          from: client.fileDescriptor, into: &up, buffer: &buffer, origin: &originNs,
          startsClock: true, awaitingMedia: &awaitingMedia,
          restartDown: { down.scheduler = LinkScheduler(self.downlink) })
      }
      if descriptors[0].revents != 0 {
        receive(
          from: server.fileDescriptor, into: &down, buffer: &buffer, origin: &originNs,
          startsClock: false, awaitingMedia: &noRestart, restartDown: {})
      }
      let now = SystemCalls.monotonicNanoseconds()
      if now - lastPublishNs > 100_000_000 {
        publish(down, up)
        lastPublishNs = now
      }
      down.compact()
      up.compact()
    }
    publish(down, up)
  }

  private func publish(_ down: Lane, _ up: Lane) {
    statistics.withLock {
      $0.downlink = down.statistics
      $0.uplink = up.statistics
    }
  }

  /// Reads every packet waiting on `descriptor` and schedules it.
  private func receive(
    from descriptor: Int32, into lane: inout Lane, buffer: inout [UInt8], origin: inout Int64?,
    startsClock: Bool, awaitingMedia: inout Bool, restartDown: () -> Void
  ) {
    while true {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
      guard count > 0 else { return }
      let now = SystemCalls.monotonicNanoseconds()
      lane.statistics.packets += 1
      lane.statistics.bytes += count
      guard isBetweenEndpoints(buffer, count: count) else {
        lane.statistics.ignored += 1
        continue
      }
      if origin == nil {
        guard startsClock else {
          lane.statistics.ignored += 1
          continue
        }
        origin = now
      }
      if awaitingMedia, Self.isMediaRequest(buffer, count: count) {
        awaitingMedia = false
        origin = now
        lane.scheduler = LinkScheduler(uplink)
        restartDown()
      }
      switch lane.scheduler.admit(bytes: count, at: now - origin!) {
      case .dropped:
        lane.statistics.dropped += 1
      case .delivered(let atNs):
        if lane.statistics.queuedBytesAtArrival.count < 1 << 20 {
          lane.statistics.queuedBytesAtArrival.append(lane.scheduler.queuedBytesAtLastArrival)
        }
        lane.pending.append(Pending(deliveryNs: atNs + origin!, packet: Array(buffer[0..<count])))
      }
    }
  }

  /// A TCP segment whose payload is an HTTP `GET` of anything but the manifest or frame index.
  static func isMediaRequest(_ packet: [UInt8], count: Int) -> Bool {
    guard count >= 20, packet[0] >> 4 == 4, packet[9] == 6 else { return false }
    let ip = Int(packet[0] & 0x0f) * 4
    guard count >= ip + 20 else { return false }
    let start = ip + Int(packet[ip + 12] >> 4) * 4
    guard count >= start + 4, packet[start..<start + 4].elementsEqual("GET ".utf8) else {
      return false
    }
    let end = min(count, start + 512)
    let line = packet[start..<end].prefix { $0 != 0x0d && $0 != 0x0a }
    let text = String(decoding: line, as: UTF8.self)
    return !text.contains("manifest.json") && !text.contains("frame-index.json")
  }

  /// An IPv4 packet from one endpoint to the other (either way).
  private func isBetweenEndpoints(_ packet: [UInt8], count: Int) -> Bool {
    guard count >= 20, packet[0] >> 4 == 4 else { return false }
    func address(_ offset: Int) -> UInt32 {
      UInt32(packet[offset]) << 24 | UInt32(packet[offset + 1]) << 16 | UInt32(packet[offset + 2])
        << 8
        | UInt32(packet[offset + 3])
    }
    let source = address(12)
    let destination = address(16)
    return (source == serverAddress && destination == clientAddress)
      || (source == clientAddress && destination == serverAddress)
  }

  /// Writes every packet of `lane` whose time has come.
  private func deliver(_ lane: inout Lane, to descriptor: Int32) {
    var now = SystemCalls.monotonicNanoseconds()
    while let due = lane.nextDeliveryNs, due <= now {
      let packet = lane.pending[lane.head].packet
      lane.pending[lane.head].packet = []
      lane.head += 1
      let written = packet.withUnsafeBytes { write(descriptor, $0.baseAddress!, $0.count) }
      now = SystemCalls.monotonicNanoseconds()
      guard written == packet.count else {
        lane.statistics.dropped += 1
        continue
      }
      lane.statistics.delivered += 1
      lane.statistics.deliveredBytes += packet.count
      if lane.statistics.latenessNs.count < 1 << 20 { lane.statistics.latenessNs.append(now - due) }
      if lane.statistics.firstDeliveryNs == nil { lane.statistics.firstDeliveryNs = now }
      lane.statistics.lastDeliveryNs = now
    }
  }

  /// Arms the timer for the absolute monotonic time `deadline` (disarms it for nil).
  private func arm(timerAt deadline: Int64?) {
    var setting = itimerspec()
    if let deadline {
      let at = max(deadline, 1)
      setting.it_value = timespec(tv_sec: Int(at / 1_000_000_000), tv_nsec: Int(at % 1_000_000_000))
    }
    _ = SystemCalls.setTimer(timerDescriptor, absolute: setting)
  }
}
