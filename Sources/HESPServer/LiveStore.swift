import Foundation
import HESPCore
import NIOCore
import Synchronization

/// A live stream served as HESP (`hesp live --serve`): a ring of the frames a publisher hands
/// over as they are encoded, holding the `availabilityDuration` window. Every route of
/// `hesp serve` reads it through `HESPStore`, as it reads a package folder:
///
/// - the manifest is made per request (`streamType: live`, `activePresentation`, `currentTime`
///   advancing with the stream, `availabilityDuration`, `timeSource` -> `/time`);
/// - `init-now` is the newest init packet; an init packet by number follows the Compatibility
///   rule (the latest earlier one in the window) and waits briefly for a number about to come;
/// - a finished segment in the window is answered from memory; the segment being produced (or
///   the next one) is answered at once, chunked, held open and fed chunk by chunk until it ends
///   (`GrowingBytes`); anything else is 404.
///
/// The publisher's threads call `publishContinuation`, `publishInit` and `finish`; readers are
/// request tasks. One `Mutex` guards the state; subscribers get bytes through `AsyncStream`s
/// yielded under it (a yield never blocks).
public final class LiveStore: HESPStore {
  public let name: String
  public let streamType = StreamType.live
  public let tracks: [StoreTrack]
  public let configuration: Configuration
  private let headers: [StoredResource]
  private let state: Mutex<State>
  private let statistics = Mutex<(@Sendable () -> [UInt8])?>(nil)

  /// One video track of the stream, known once its encoders are open.
  public struct Track: Sendable {
    public var id: String
    public var width: Int
    public var height: Int
    /// Target (peak) bits per second, for the manifest.
    public var bandwidth: Int
    /// RFC 6381 codecs string (`avc1.64001f`).
    public var codecs: String
    /// CMAF header (ftyp + moov) shared by both streams.
    public var header: [UInt8]

    public init(id: String, width: Int, height: Int, bandwidth: Int, codecs: String, header: [UInt8]) {
      self.id = id
      self.width = width
      self.height = height
      self.bandwidth = bandwidth
      self.codecs = codecs
      self.header = header
    }
  }

  /// The stream's timing and window.
  public struct Configuration: Sendable {
    public var tracks: [Track]
    public var frameRateNumerator: Int
    public var frameRateDenominator: Int
    public var timescale: Int
    public var frameDurationTicks: Int
    public var segmentFrames: Int
    /// Frames kept fetchable behind the newest (`availabilityDuration`).
    public var windowFrames: Int
    /// One init packet every this many frames (the manifest's `initializationInterval`).
    public var initIntervalFrames: Int
    /// Init packets are encoded only for tracks in demand: a request for one that does not
    /// exist yet waits for the next one instead of taking an older one.
    public var initOnDemand: Bool
    public var creationDate: Date

    public init(
      tracks: [Track], frameRateNumerator: Int, frameRateDenominator: Int, timescale: Int, frameDurationTicks: Int,
      segmentFrames: Int, windowFrames: Int, initIntervalFrames: Int = 1, initOnDemand: Bool = false,
      creationDate: Date = Date()
    ) {
      self.tracks = tracks
      self.frameRateNumerator = frameRateNumerator
      self.frameRateDenominator = frameRateDenominator
      self.timescale = timescale
      self.frameDurationTicks = frameDurationTicks
      self.segmentFrames = segmentFrames
      self.windowFrames = windowFrames
      self.initIntervalFrames = initIntervalFrames
      self.initOnDemand = initOnDemand
      self.creationDate = creationDate
    }

    /// One frame, in seconds.
    public var frameSeconds: Double { Double(frameDurationTicks) / Double(timescale) }
  }

  static let initializationPattern = "init-{initId}.m4s"
  static let continuationPattern = "content-{segmentId}.m4s"
  /// How long an init packet request for a number about to come (or, on demand, for the next
  /// packet) waits before it is answered 404.
  static let initWait = Duration.seconds(2)

  public init(name: String, configuration: Configuration) {
    self.name = name
    self.configuration = configuration
    tracks = configuration.tracks.map { track in
      StoreTrack(
        id: track.id, folder: ["video", track.id],
        initialization: FileNamePattern(Self.initializationPattern, placeholder: "initId")!,
        continuation: FileNamePattern(Self.continuationPattern, placeholder: "segmentId")!)
    }
    headers = configuration.tracks.map {
      StoredResource.inMemory($0.header, contentType: "video/mp4", cachePolicy: .immutable)
    }
    state = Mutex(State(trackCount: configuration.tracks.count))
  }

  // MARK: Publishing (the encoder threads)

  /// Appends `bytes` (a continuation chunk; the first of a segment starts with its `styp`) to
  /// segment `segment` of track `track` (an index into `configuration.tracks`). A higher
  /// segment id ends the earlier ones. Open continuations get the bytes at once.
  public func publishContinuation(track: Int, frame: Int, segment: Int, bytes: [UInt8]) {
    let buffer = ByteBuffer(bytes: bytes)
    let windowSegments = windowSegmentCount
    let trackId = configuration.tracks[track].id
    // Ended continuations finish outside the lock (finishing runs their termination handler,
    // which takes the lock).
    var ended: [AsyncStream<ByteBuffer>.Continuation] = []
    state.withLock { state in
      Self.modify(&state.tracks[track]) { lane in
        lane.newestFrame = max(lane.newestFrame, frame)
        if segment > lane.newestSegment {
          for id in lane.segments.keys where id < segment {
            ended += lane.segments[id]?.complete(track: trackId, id: id) ?? []
          }
          lane.newestSegment = segment
        }
        lane.segments[segment, default: SegmentState()].append(buffer)
        for id in lane.segments.keys where id <= segment - windowSegments {
          ended += lane.segments[id]?.complete(track: trackId, id: id) ?? []
          lane.segments[id] = nil
        }
        lane.oldestSegment = max(lane.oldestSegment, segment - windowSegments + 1, 0)
      }
    }
    for continuation in ended { continuation.finish() }
  }

  private static func modify(_ lane: inout TrackState, _ body: (inout TrackState) -> Void) { body(&lane) }

  /// Publishes init packet `frame` of track `track` (header + initdata emsg + the IDR).
  public func publishInit(track: Int, frame: Int, bytes: [UInt8]) {
    let resource = StoredResource.inMemory(bytes, contentType: "video/mp4", cachePolicy: .immutable)
    let windowFrames = configuration.windowFrames
    let now = ContinuousClock.now
    state.withLock { state in
      Self.modify(&state.tracks[track]) { lane in
        lane.initPackets[frame] = resource
        lane.initFrames.append(frame)
        lane.lastInitPublished = now
        let oldest = max(lane.newestFrame, frame) - windowFrames
        while let first = lane.initFrames.first, first < oldest {
          lane.initFrames.removeFirst()
          lane.initPackets[first] = nil
        }
      }
    }
  }

  /// Ends the stream: every segment is complete and every open continuation ends.
  public func finish() {
    let ended = state.withLock { state -> [AsyncStream<ByteBuffer>.Continuation] in
      state.ended = true
      var ended: [AsyncStream<ByteBuffer>.Continuation] = []
      for index in state.tracks.indices {
        for id in state.tracks[index].segments.keys {
          ended += state.tracks[index].segments[id]?.complete(track: configuration.tracks[index].id, id: id) ?? []
        }
      }
      return ended
    }
    for continuation in ended { continuation.finish() }
  }

  /// Whether track `track` was asked for (an init packet or a segment) within `window`: the
  /// on-demand init stream runs while it is.
  public func isInDemand(track: Int, within window: Duration) -> Bool {
    state.withLock { state in
      guard let last = state.tracks[track].lastRequest else { return false }
      return ContinuousClock.now - last < window
    }
  }

  /// Where `/stats` gets its JSON (the publisher's counters).
  public func setStatistics(_ provider: @escaping @Sendable () -> [UInt8]) {
    statistics.withLock { $0 = provider }
  }

  /// `/stats`: the publisher's counters as JSON, never cached; nil before a publisher is set.
  public func statisticsResource() -> StoredResource? {
    guard let provider = statistics.withLock({ $0 }) else { return nil }
    return StoredResource.inMemory(provider(), contentType: "application/json", cachePolicy: .noStore)
  }

  /// The newest frame published on any track (-1 before the first).
  public var newestFrame: Int { state.withLock { $0.tracks.map(\.newestFrame).max() ?? -1 } }

  public var hasEnded: Bool { state.withLock { $0.ended } }

  private var windowSegmentCount: Int {
    max(2, (configuration.windowFrames + configuration.segmentFrames - 1) / configuration.segmentFrames + 1)
  }

  // MARK: HESPStore (request tasks)

  public func manifest() async throws -> StoredResource? {
    let data = try liveManifest().jsonData()
    return StoredResource.inMemory(Array(data) + [0x0A], contentType: MediaTypes.hespManifest, cachePolicy: .revalidate)
  }

  /// The manifest as it stands now.
  public func liveManifest() -> Manifest {
    let (newest, oldestSegment, newestSegment, ended) = state.withLock { state in
      (
        state.tracks.map(\.newestFrame).max() ?? -1, state.tracks.map(\.oldestSegment).max() ?? 0,
        state.tracks.map(\.newestSegment).max() ?? -1, state.ended
      )
    }
    let c = configuration
    let frameRate =
      c.frameRateDenominator == 1
      ? Manifest.ScaledValue(value: c.frameRateNumerator)
      : Manifest.ScaledValue(value: c.frameRateNumerator, scale: c.frameRateDenominator)
    let segmentIds = newestSegment < 0 ? [] : Array(max(0, oldestSegment)...newestSegment)
    let videoTracks = c.tracks.map { track in
      Manifest.VideoTrack(
        bandwidth: track.bandwidth, id: track.id, resolution: Manifest.Resolution(width: track.width, height: track.height),
        segments: segmentIds.map { Manifest.SegmentReference(id: $0) }, averageBandwidth: nil,
        baseUrl: "video/\(track.id)/", codecs: track.codecs, frameRate: frameRate,
        segmentDuration: Manifest.ScaledValue(value: c.segmentFrames * c.frameDurationTicks, scale: c.timescale),
        startSegmentId: 0, startSequenceNumber: 0, initializationInterval: c.initIntervalFrames)
    }
    let set = Manifest.VideoSwitchingSet(
      id: "video", tracks: videoTracks, continuationPattern: Self.continuationPattern,
      initializationPattern: Self.initializationPattern, frameRate: frameRate, mimeType: "video/mp4")
    let presentation = Manifest.Presentation(
      id: "0",
      timeBounds: Manifest.TimeBounds(
        startTime: 0, endTime: ended ? (newest + 1) * c.frameDurationTicks : nil, scale: c.timescale),
      video: [set])
    var manifest = Manifest(
      availabilityDuration: Manifest.ScaledValue(value: c.windowFrames * c.frameDurationTicks, scale: c.timescale),
      creationDate: Manifest.dateTime(c.creationDate), fallbackPollRate: 30, presentations: [presentation],
      streamType: "live")
    manifest.activePresentation = "0"
    manifest.currentTime = Manifest.ScaledValue(value: max(0, newest) * c.frameDurationTicks, scale: c.timescale)
    manifest.timeSource = Manifest.TimeSource(scheme: Manifest.TimeSource.httpISOScheme, value: "/time")
    return manifest
  }

  public func initPacket(track id: String, number: InitPacketNumber) async throws -> StoredResource? {
    guard let index = tracks.firstIndex(where: { $0.id == id }) else { return nil }
    let requestTime = ContinuousClock.now
    state.withLock { $0.tracks[index].lastRequest = requestTime }
    let deadline = requestTime + Self.initWait
    let pattern = tracks[index].initialization
    while true {
      switch lookUpInit(index, number, requestTime: requestTime) {
      case .found(let frame, let resource):
        if case .number(let requested) = number, requested == frame { return resource }
        return resource.answering(for: pattern.name(frame)).withCachePolicy(number == .now ? .noStore : .immutable)
      case .missing:
        return nil
      case .notYet:
        guard ContinuousClock.now < deadline, !hasEnded else { return nil }
        try await Task.sleep(for: .milliseconds(4))
      }
    }
  }

  private enum InitLookup {
    case found(Int, StoredResource)
    case notYet
    case missing
  }

  private func lookUpInit(_ track: Int, _ number: InitPacketNumber, requestTime: ContinuousClock.Instant) -> InitLookup {
    let onDemand = configuration.initOnDemand
    let interval = configuration.initIntervalFrames
    return state.withLock { state in
      let lane = state.tracks[track]
      switch number {
      case .now:
        guard let newest = lane.initFrames.last, let resource = lane.initPackets[newest] else { return .notYet }
        // On demand, a packet older than the request's frame is not "now": wait for the next.
        if onDemand, lane.newestFrame - newest > interval, lane.lastInitPublished.map({ $0 < requestTime }) ?? true {
          return .notYet
        }
        return .found(newest, resource)
      case .number(let requested):
        if requested > lane.newestFrame { return requested <= lane.newestFrame + 2 * configuration.segmentFrames ? .notYet : .missing }
        // Compatibility rule: the latest packet at or before the requested number.
        guard let served = lane.initFrames.last(where: { $0 <= requested }), let resource = lane.initPackets[served]
        else {
          if onDemand, let first = lane.initFrames.first(where: { $0 > requested }), let resource = lane.initPackets[first] {
            return .found(first, resource)
          }
          return onDemand ? .notYet : .missing
        }
        if onDemand, requested - served >= interval {
          // Not encoded while nobody asked: the next packet, once there is one.
          if let next = lane.initFrames.first(where: { $0 > requested }), let resource = lane.initPackets[next] {
            return .found(next, resource)
          }
          return .notYet
        }
        return .found(served, resource)
      }
    }
  }

  public func segment(track id: String, id segment: Int) async throws -> StoredResource? {
    guard let index = tracks.firstIndex(where: { $0.id == id }) else { return nil }
    let requestTime = ContinuousClock.now
    return state.withLock { state -> StoredResource? in
      state.tracks[index].lastRequest = requestTime
      let lane = state.tracks[index]
      if let existing = lane.segments[segment] {
        if let complete = existing.completed { return complete }
      } else {
        // Not there: the next segment (about to start) is held open; others are 404.
        guard !state.ended, segment == lane.newestSegment + 1, segment >= 0 else { return nil }
        state.tracks[index].segments[segment] = SegmentState()
      }
      return StoredResource(
        bytes: .growing(GrowingBytes { [self] from in subscribe(track: index, segment: segment, from: from) }),
        sizeBytes: 0, etag: "", contentType: "video/mp4", cachePolicy: .noStore, isContinuation: true)
    }
  }

  public func file(_ segments: [String]) async throws -> StoredResource? {
    guard segments.count == 3, segments[0] == "video", segments[2] == "header.mp4",
      let index = tracks.firstIndex(where: { $0.id == segments[1] })
    else { return nil }
    return headers[index]
  }

  /// The bytes of a segment from `from` on, now and as they come; ends with the segment.
  private func subscribe(track: Int, segment: Int, from: Int) -> AsyncStream<ByteBuffer> {
    let (stream, continuation) = AsyncStream.makeStream(of: ByteBuffer.self)
    let subscriber = state.withLock { state -> Int? in
      state.nextSubscriber += 1
      let id = state.nextSubscriber
      guard var segmentState = state.tracks[track].segments[segment] else {
        continuation.finish()  // evicted meanwhile
        return nil
      }
      segmentState.subscribe(id, continuation, from: from)
      state.tracks[track].segments[segment] = segmentState
      return segmentState.completed == nil ? id : nil
    }
    if let subscriber {
      continuation.onTermination = { [weak self] _ in
        self?.state.withLock { state in
          state.tracks[track].segments[segment]?.subscribers[subscriber] = nil
        }
      }
    }
    return stream
  }
}

extension StoredResource {
  /// The same resource with another cache policy.
  func withCachePolicy(_ policy: CachePolicy) -> StoredResource {
    guard policy != cachePolicy else { return self }
    return StoredResource(
      bytes: bytes, sizeBytes: sizeBytes, etag: etag, contentType: contentType, cachePolicy: policy,
      isContinuation: isContinuation, contentLocation: contentLocation)
  }
}

extension LiveStore {
  struct State {
    var tracks: [TrackState]
    var ended = false
    var nextSubscriber = 0

    init(trackCount: Int) { tracks = Array(repeating: TrackState(), count: trackCount) }
  }

  struct TrackState {
    var newestFrame = -1
    var newestSegment = -1
    var oldestSegment = -1
    var segments: [Int: SegmentState] = [:]
    var initPackets: [Int: StoredResource] = [:]
    /// Frame numbers of `initPackets`, ascending.
    var initFrames: [Int] = []
    var lastInitPublished: ContinuousClock.Instant?
    var lastRequest: ContinuousClock.Instant?
  }

  /// One continuation segment: its chunks while it grows (and who reads them), then one
  /// buffer once complete.
  struct SegmentState {
    var chunks: [ByteBuffer] = []
    var byteCount = 0
    var completed: StoredResource?
    /// Open continuations: where each one's next byte is (bytes before it are skipped).
    var subscribers: [Int: (continuation: AsyncStream<ByteBuffer>.Continuation, nextByte: Int)] = [:]

    mutating func append(_ chunk: ByteBuffer) {
      guard completed == nil else { return }
      let start = byteCount
      chunks.append(chunk)
      byteCount += chunk.readableBytes
      for (id, subscriber) in subscribers {
        let skip = subscriber.nextByte - start
        if skip >= chunk.readableBytes { continue }
        let piece = skip > 0 ? chunk.getSlice(at: chunk.readerIndex + skip, length: chunk.readableBytes - skip)! : chunk
        subscriber.continuation.yield(piece)
        subscribers[id]?.nextByte = byteCount
      }
    }

    mutating func subscribe(_ id: Int, _ continuation: AsyncStream<ByteBuffer>.Continuation, from: Int) {
      if let completed, case .memory(let all) = completed.bytes {
        // No termination handler yet: finishing here does not come back to the lock.
        if from < all.readableBytes { continuation.yield(all.getSlice(at: all.readerIndex + from, length: all.readableBytes - from)!) }
        continuation.finish()
        return
      }
      var position = 0
      for chunk in chunks {
        let end = position + chunk.readableBytes
        if end > from {
          let skip = max(0, from - position)
          continuation.yield(chunk.getSlice(at: chunk.readerIndex + skip, length: chunk.readableBytes - skip)!)
        }
        position = end
      }
      subscribers[id] = (continuation, max(from, byteCount))
    }

    /// Ends the segment: the bytes become one buffer; returns the open continuations, for the
    /// caller to finish once it has released the lock.
    mutating func complete(track: String, id: Int) -> [AsyncStream<ByteBuffer>.Continuation] {
      guard completed == nil else { return [] }
      var all = ByteBuffer()
      all.reserveCapacity(byteCount)
      for chunk in chunks { all.writeImmutableBuffer(chunk) }
      chunks = []
      completed = StoredResource(
        bytes: .memory(all), sizeBytes: all.readableBytes, etag: "\"live-\(track)-\(id)-\(String(all.readableBytes, radix: 16))\"",
        contentType: "video/mp4", cachePolicy: .immutable, isContinuation: true)
      defer { subscribers = [:] }
      return subscribers.values.map(\.continuation)
    }
  }
}
