import HESPCore
import HESPProtocols
import HESPTraces

/// One play session: the transport of a `ProtocolDecisions` value (the simulator's
/// `ProtocolCore`, built by `FrameSimulation.makeDecisions`) over HTTP. It carries out each
/// action the core asks for with real requests on the wall clock and reports what it measured;
/// it decides nothing itself. Every call into the core is logged (`DecisionLog`), so a test can
/// replay the same measurements into a fresh core and get the same actions.
struct PlayerSession {
  var core: any ProtocolDecisions
  let package: PlayerPackage
  let transport: HTTPTransport
  var log = DecisionLog()
  /// The continuation being read (`hesp`).
  var reader: FrameReader?
  /// The last request's time to first byte and rate (the link hint before the first sample).
  var lastLatencyMs: Double?
  var lastBytesPerMs: Double?
  /// The trace the link follows, when known (the reaction time needs it).
  let trace: NetworkTrace?
  /// A live stream: the continuation being read (frames cut by their boxes), and what each
  /// frame's `prft` said (`PlayerSession+Live`).
  var liveReader: LiveFrameReader?
  let liveLog = LiveLatencyLog()

  init(
    core: any ProtocolDecisions, package: PlayerPackage, transport: HTTPTransport,
    trace: NetworkTrace?
  ) {
    self.core = core
    self.package = package
    self.transport = transport
    self.trace = trace
  }

  /// What the player knows of the link before the estimator has a sample: its last request's
  /// time to first byte and throughput (none before the first request).
  var hint: LinkHint {
    LinkHint(latencyMs: lastLatencyMs ?? 0, bandwidthKbps: (lastBytesPerMs ?? 0) * 8)
  }

  /// Plays to the end; returns the result and the error that stopped the session early, if any.
  mutating func run() async -> (result: ProtocolSessionResult, failure: PlayerError?) {
    var failure: PlayerError?
    loop: while true {
      let now = transport.nowMs()
      let hint = hint
      let action = core.nextAction(nowMs: now, hint: hint)
      log.record(.next(nowMs: now, hint: hint, action: action))
      do {
        switch action {
        case .finish: break loop
        case .idle(let ms, let bufferFull): try await idle(ms, bufferFull: bufferFull)
        case .open(let track, let frame): try await open(track: track, frame: frame)
        case .continuationFrame: try await continuationFrame()
        case .unit(let track, let start, let end):
          try await unit(track: track, start: start, end: end)
        }
      } catch {
        failure = error as? PlayerError ?? PlayerError(PlayerError.describe(error))
        log.record(.fail)
        core.fail()
      }
    }
    reader?.close()
    liveReader?.close()
    let now = transport.nowMs()
    log.record(.finish(nowMs: now))
    return (core.finish(nowMs: now, trace: trace), failure)
  }

  mutating func idle(_ ms: Double, bufferFull: Bool) async throws {
    let start = transport.nowMs()
    try await Task.sleep(for: .microseconds(Int64((ms * 1000).rounded(.up))))
    let now = transport.nowMs()
    log.record(.idle(nowMs: now, ms: now - start, bufferFull: bufferFull))
    core.didIdle(nowMs: now, ms: now - start, bufferFull: bufferFull)
  }

  /// `hesp`: init packet `frame` of `track`, then the continuation from `frame + 1`: its request
  /// leaves as soon as the packet's `initdata` arrived (the draft), or with the init request
  /// when the offsets are known (`--hesp-offset-index`, from `frame-index.json`).
  mutating func open(track: Int, frame: Int) async throws {
    while core.availableMs(frame) > transport.nowMs() {
      try await idle(core.idleStep(core.availableMs(frame) - transport.nowMs()), bufferFull: false)
    }
    if let live = package.live { return try await openLive(track: track, frame: frame, live) }
    reader?.close()
    reader = nil
    let layout = package.tracks[track]
    let clip = package.clipFrame(frame)
    let nextClip = package.clipFrame(frame + 1)
    let knownNext = layout.frames[nextClip]
    let requestMs = transport.nowMs()
    var initResponse = try await transport.get(layout.initURL(clipFrame: clip), kind: "init")
    let firstByteMs = transport.nowMs()
    let latencyMs = firstByteMs - requestMs
    lastLatencyMs = latencyMs
    let transport = transport
    var continuation: Task<StreamedResponse, any Error>?
    var target = (segment: knownNext.segmentId, offset: knownNext.byteOffset)
    func request(_ target: (segment: Int, offset: Int)) -> Task<StreamedResponse, any Error> {
      let url = layout.segmentURL(target.segment)
      let range = "bytes=\(target.offset)-9007199254740991"
      return Task { try await transport.get(url, kind: "continuation", range: range) }
    }
    if core.options.hespKnowsContinuationOffsets { continuation = request(target) }
    var bytes: [UInt8] = []
    while let piece = try await initResponse.next() {
      bytes += piece
      if continuation == nil, let initData = try InitData.find(in: bytes) {
        // The last frame's packet points nowhere; the looped content goes on at the clip's start.
        if nextClip != 0, let segment = initData.segment {
          target = (segment, initData.offset ?? 0)
        }
        continuation = request(target)
      }
    }
    let endMs = transport.nowMs()
    guard let continuation else {
      throw PlayerError.request(layout.initURL(clipFrame: clip), "no initdata event")
    }
    receivedInitPacket(
      byteCount: bytes.count, endMs: endMs, firstByteMs: firstByteMs, track: track, frame: frame,
      latencyMs: latencyMs)
    let stream = try await continuation.value
    var reader = FrameReader(
      package: package, track: track, startFrame: frame + 1, contentFrames: core.content.frameCount,
      transport: transport)
    let openedMs = transport.nowMs()
    reader.adopt(stream, segment: target.segment, offset: target.offset)
    self.reader = reader
    log.record(.openContinuation(nowMs: openedMs, initArrivalMs: endMs))
    core.didOpenContinuation(nowMs: openedMs, initArrivalMs: endMs)
  }

  /// `hesp`: the next frame of the open continuation.
  mutating func continuationFrame() async throws {
    if package.live != nil { return try await liveContinuationFrame() }
    guard var reader else {
      throw PlayerError("continuation frame requested with no continuation open")
    }
    let started = transport.nowMs()
    let bytes = try await reader.readFrame()
    self.reader = reader
    let now = transport.nowMs()
    let bits = Double(bytes * 8)
    log.record(.continuationFrame(nowMs: now, bits: bits, transferMs: now - started))
    core.didReceiveContinuationFrame(nowMs: now, bits: bits, transferMs: now - started)
  }

  /// `dash`, `ll-dash`, `ll-hls`: frames `start..<end` of `track` as one request per clip
  /// segment they lie in (a whole segment when the unit is one, else a byte range).
  mutating func unit(track: Int, start: Int, end: Int) async throws {
    let layout = package.tracks[track]
    var pieces: [(segment: Int, first: Int, last: Int)] = []
    for frame in start..<end {
      let segment = layout.frames[package.clipFrame(frame)].segmentId
      if let last = pieces.last, last.segment == segment, last.last == frame - 1 {
        pieces[pieces.count - 1].last = frame
      } else {
        pieces.append((segment, frame, frame))
      }
    }
    var latencyMs: Double?
    var firstByteMs: Double?
    var bytes = 0
    let kind = core.streamingProtocol == .llHLS ? "part" : "segment"
    for piece in pieces {
      let firstChunk = layout.frames[package.clipFrame(piece.first)]
      let lastChunk = layout.frames[package.clipFrame(piece.last)]
      let segmentInfo = layout.segments[piece.segment]
      let whole =
        segmentInfo.map {
          piece.first % package.clipFrameCount == $0.firstFrame
            && piece.last - piece.first + 1 == $0.frameCount
        }
        ?? false
      let from = whole ? 0 : firstChunk.byteOffset
      let range =
        whole
        ? nil
        : "bytes=\(firstChunk.byteOffset)-\(lastChunk.byteOffset + lastChunk.chunkByteCount - 1)"
      let requestMs = transport.nowMs()
      var response = try await transport.get(
        layout.segmentURL(piece.segment), kind: kind, range: range)
      let head = transport.nowMs()
      if latencyMs == nil {
        latencyMs = head - requestMs
        firstByteMs = head
      }
      var position = from
      var nextFrame = piece.first
      while let data = try await response.next() {
        position += data.count
        bytes += data.count
        guard core.streamingProtocol == .llDASH else { continue }
        // ll-dash: each chunk plays as soon as it is complete.
        while nextFrame <= piece.last {
          let chunk = layout.frames[package.clipFrame(nextFrame)]
          guard position >= chunk.byteOffset + chunk.chunkByteCount else { break }
          let now = transport.nowMs()
          log.record(.unitFrame(nowMs: now, frame: nextFrame))
          core.didReceiveUnitFrame(nowMs: now, frame: nextFrame)
          nextFrame += 1
        }
      }
      if core.streamingProtocol == .llDASH && nextFrame <= piece.last {
        throw PlayerError.request(
          layout.segmentURL(piece.segment), "ended before frame \(nextFrame)'s chunk")
      }
    }
    let now = transport.nowMs()
    lastLatencyMs = latencyMs
    let transferMs = now - (firstByteMs ?? now)
    if transferMs > 0 { lastBytesPerMs = Double(bytes) / transferMs }
    if core.streamingProtocol != .llDASH {
      log.record(.unit(nowMs: now))
      core.didReceiveUnit(nowMs: now)
    }
    let bits = Double(bytes * 8)
    log.record(
      .finishUnit(nowMs: now, bits: bits, transferMs: transferMs, latencyMs: latencyMs ?? 0))
    core.didFinishUnit(nowMs: now, bits: bits, transferMs: transferMs, latencyMs: latencyMs ?? 0)
  }

  /// An init packet has arrived whole: the link hint's rate, the decision log and the protocol
  /// core learn of it (the same for a VoD and a live session).
  mutating func receivedInitPacket(
    byteCount: Int, endMs: Double, firstByteMs: Double, track: Int, frame: Int, latencyMs: Double
  ) {
    if byteCount > 0 && endMs > firstByteMs {
      lastBytesPerMs = Double(byteCount) / (endMs - firstByteMs)
    }
    let bits = Double(byteCount * 8)
    log.record(
      .initPacket(
        nowMs: endMs, track: track, frame: frame, bits: bits, transferMs: endMs - firstByteMs,
        latencyMs: latencyMs))
    core.didReceiveInitPacket(
      nowMs: endMs, track: track, frame: frame, bits: bits, transferMs: endMs - firstByteMs,
      latencyMs: latencyMs)
  }
}

/// Every call a player made into its decisions, in order, with what it passed: replaying it into
/// a fresh core (`replay(into:)`) gives the same actions, which shows the player decided nothing
/// on its own.
public struct DecisionLog: Sendable {
  public enum Entry: Sendable, Equatable {
    case next(nowMs: Double, hint: LinkHint, action: ProtocolAction)
    case idle(nowMs: Double, ms: Double, bufferFull: Bool)
    case initPacket(
      nowMs: Double, track: Int, frame: Int, bits: Double, transferMs: Double, latencyMs: Double)
    case openContinuation(nowMs: Double, initArrivalMs: Double)
    case continuationFrame(nowMs: Double, bits: Double, transferMs: Double)
    case unitFrame(nowMs: Double, frame: Int)
    case unit(nowMs: Double)
    case finishUnit(nowMs: Double, bits: Double, transferMs: Double, latencyMs: Double)
    case fail
    case finish(nowMs: Double)
  }

  public private(set) var entries: [Entry] = []

  mutating func record(_ entry: Entry) { entries.append(entry) }

  /// Feeds the logged measurements into `core` and returns the actions it asked for, and its
  /// result.
  public func replay(into core: inout any ProtocolDecisions) -> (
    actions: [ProtocolAction], result: ProtocolSessionResult?
  ) {
    var actions: [ProtocolAction] = []
    var result: ProtocolSessionResult?
    for entry in entries {
      switch entry {
      case .next(let now, let hint, _): actions.append(core.nextAction(nowMs: now, hint: hint))
      case .idle(let now, let ms, let full): core.didIdle(nowMs: now, ms: ms, bufferFull: full)
      case .initPacket(let now, let track, let frame, let bits, let transfer, let latency):
        core.didReceiveInitPacket(
          nowMs: now, track: track, frame: frame, bits: bits, transferMs: transfer,
          latencyMs: latency)
      case .openContinuation(let now, let arrival):
        core.didOpenContinuation(nowMs: now, initArrivalMs: arrival)
      case .continuationFrame(let now, let bits, let transfer):
        core.didReceiveContinuationFrame(nowMs: now, bits: bits, transferMs: transfer)
      case .unitFrame(let now, let frame): core.didReceiveUnitFrame(nowMs: now, frame: frame)
      case .unit(let now): core.didReceiveUnit(nowMs: now)
      case .finishUnit(let now, let bits, let transfer, let latency):
        core.didFinishUnit(nowMs: now, bits: bits, transferMs: transfer, latencyMs: latency)
      case .fail: core.fail()
      case .finish(let now): result = core.finish(nowMs: now, trace: nil)
      }
    }
    return (actions, result)
  }

  /// The actions the player was given, in order.
  public var actions: [ProtocolAction] {
    entries.compactMap { if case .next(_, _, let action) = $0 { action } else { nil } }
  }
}
