import HESPABR
import HESPCore
import HESPTraces

/// The decisions of one protocol session, without its transport: a value holding the playout
/// (buffer and playhead), the estimator, the ABR and its state, the fetch position and the
/// switch bookkeeping. `nextAction(nowMs:hint:)` decides what to request next (which frame or
/// unit, when a switch happens and at which frame, what it replaces, when to wait, when to ask
/// the ABR, with the same `DecisionContext`) from that value and the clock alone, and the
/// `did...` methods take in what the transport measured. The simulator (`FrameSimulationSession`, over
/// a `TraceLink`) and the real player (`HESPPlayer`, over HTTP) both drive this one value, so
/// they share every decision, not a copy of it.
///
/// Times are session ms (the transport's clock, from 0 at the session's start).
public struct ProtocolCore<Algorithm: ABRAlgorithm>: Sendable {
  public let content: ProtocolContent
  public let streamingProtocol: StreamingProtocol
  public let options: ProtocolOptions
  let algorithm: Algorithm
  let ladder: QualityLadder
  /// Frames per request unit (segment, part) or per HESP decision block.
  public let unitFrames: Int
  /// Live: the latency playback aims at (the target, or this protocol's floor when higher).
  public let effectiveTargetLatencyMs: Double
  /// Live: frames already produced at session start.
  public let headStartFrames: Int
  /// A session still running at this time is stopped (incomplete).
  public let maximumSessionMs: Double

  /// The clock of the last call (the snapshot's time).
  public internal(set) var nowMs = 0.0
  /// The transport's view of the link before any sample (see `linkEstimate`).
  var hint = LinkHint(latencyMs: 0, bandwidthKbps: 0)
  var estimator: AnyThroughputEstimator
  public internal(set) var abrState: Algorithm.State
  var playout: FramePlayout
  /// The track being fetched.
  public internal(set) var quality = 0
  /// The next frame to fetch.
  public internal(set) var nextFrame = 0
  /// After a replacement: the end of the media that was buffered before it. Until the fetch
  /// passes it, the ABR counts those frames as buffered (their replacements are on their way).
  var replacedUntilFrame = 0
  /// The ABR's first wish for a quality the protocol has not delivered yet.
  var pending: (quality: Int, decisionMs: Double)?
  public internal(set) var switches: [ProtocolSwitch] = []
  var switchIndexByFrame: [Int: Int] = [:]
  var downloadedBits = 0.0
  var initPacketBits = 0.0
  var wastedBits = 0.0
  var completed = true
  /// Time to first byte of the last request (the continuation's blocks have none of their own).
  var lastRequestLatencyMs: Double?
  /// The ABR's decisions, kept when `options.recordsDecisions`.
  var decisionLog: [ABRDecisionRecord] = []
  var started = false
  var finished = false
  /// `hesp`'s loop state.
  var continuation = ContinuationState()
  /// The segment protocols' loop state.
  var segmented = SegmentedState()

  public init(
    content: ProtocolContent, streamingProtocol: StreamingProtocol, algorithm: Algorithm,
    options: ProtocolOptions
  ) {
    self.content = content
    self.streamingProtocol = streamingProtocol
    self.algorithm = algorithm
    self.options = options
    let frameMs = content.frameMs
    unitFrames = UnitGrid.unitFrames(
      content: content, streamingProtocol: streamingProtocol, options: options)
    ladder = UnitGrid.ladder(content: content, unitFrames: unitFrames)
    let unitMs = Double(unitFrames) * frameMs
    let floorMs = ProtocolLatencyFloor.floorMs(
      of: streamingProtocol, content: content, options: options)
    effectiveTargetLatencyMs = max(options.targetLatencyMs, floorMs)
    // Enough produced media for a join at the target plus two segments of choice.
    let neededFrames =
      Int((effectiveTargetLatencyMs / frameMs).rounded(.up)) + 2 * content.segmentFrames
    headStartFrames =
      options.live
      ? min(
        content.frameCount - 1,
        max(
          Int((options.liveHeadStartSegments * Double(content.segmentFrames)).rounded()),
          neededFrames)) : 0
    maximumSessionMs = 2 * Double(content.frameCount) * frameMs + 60_000
    estimator = .ewma(
      EWMAEstimator(
        halfLivesSeconds: EWMAEstimator.defaultHalfLivesSeconds, segmentDurationMs: unitMs))
    abrState = algorithm.initialState
    playout = FramePlayout(
      firstFrame: 0, frameMs: frameMs,
      captureOffsetMs: options.live ? -Double(headStartFrames) * frameMs : nil,
      targetLatencyMs: effectiveTargetLatencyMs,
      catchupRate: options.live ? options.catchupRate : nil,
      catchupMinimumBufferMs: Self.catchupMinimumBufferMs(
        unitMs: streamingProtocol.isSegmented ? unitMs : frameMs,
        targetLatencyMs: effectiveTargetLatencyMs),
      settleWindowMs: options.settleWindowMs, bitratesKbps: content.bitratesKbps)
  }

  /// Catch-up keeps one request unit (a frame for `hesp`) plus min(0.5 s, target / 2) buffered
  /// (dash.js `playbackBufferMin` is 0.5 s): faster playback never drains what must bridge the
  /// wait for the next unit, so it cannot cause a stall of its own.
  static func catchupMinimumBufferMs(unitMs: Double, targetLatencyMs: Double) -> Double {
    unitMs + min(500, targetLatencyMs / 2)
  }

  /// Live: when `frame` has been produced (its init packet and chunk exist); VoD: always.
  public func availableMs(_ frame: Int) -> Double {
    options.live ? Double(frame + 1 - headStartFrames) * content.frameMs : -.infinity
  }

  /// Live: capture time of `frame`.
  func captureMs(_ frame: Int) -> Double { Double(frame - headStartFrames) * content.frameMs }

  /// Media buffered ahead of the playhead now, in ms.
  public var bufferLevelMs: Double { playout.bufferLevelMs(atMs: nowMs) }

  /// The next frame to display.
  public var nextToPlay: Int { playout.nextToPlay }

  /// The buffer level the ABR decides on: buffered media, plus media that was buffered and is
  /// being replaced (its replacement is on its way), so a replacing switch does not look like
  /// an empty buffer.
  func abrBufferLevelMs() -> Double {
    var level = playout.bufferLevelMs(atMs: nowMs)
    if replacedUntilFrame > nextFrame {
      level += Double(replacedUntilFrame - nextFrame) * content.frameMs
    }
    return level
  }

  /// The snapshot every ABR call sees.
  public func context() -> DecisionContext {
    DecisionContext(
      ladder: ladder, segmentIndex: min(nextFrame / unitFrames, ladder.segmentCount - 1),
      bufferLevelMs: abrBufferLevelMs(), throughputKbps: estimator.throughputKbps,
      latencyMs: estimator.latencyMs)
  }

  func clamp(_ quality: Int) -> Int { min(max(quality, 0), content.trackCount - 1) }

  /// Asks the ABR for the quality it wants now (its state moves on), and records the decision
  /// when the options ask.
  mutating func decide() -> Int {
    let context = context()
    let wanted = clamp(algorithm.decide(context, state: &abrState).quality)
    if options.recordsDecisions {
      decisionLog.append(
        ABRDecisionRecord(
          timeMs: nowMs, bufferLevelMs: context.bufferLevelMs,
          throughputKbps: context.throughputKbps, latencyMs: context.latencyMs, quality: quality,
          wantedQuality: wanted))
    }
    return wanted
  }

  /// The link estimates a switch is planned with: the latency (time to first byte) of the last
  /// request and the throughput estimate (the transport's hint before the first of each).
  func linkEstimate() -> (latencyMs: Double, throughputKbps: Double) {
    let latency = lastRequestLatencyMs ?? hint.latencyMs
    let throughput = estimator.throughputKbps ?? hint.bandwidthKbps
    return (latency, max(throughput, 1e-6))
  }

  /// Asks the ABR, on a copy of its state, which quality it wants now; remembers when it first
  /// wanted a change (the decision time of the switch that follows).
  mutating func probe() {
    var copy = abrState
    let wish = clamp(algorithm.decide(context(), state: &copy).quality)
    notePending(wish)
  }

  mutating func notePending(_ wish: Int) {
    if wish == quality {
      pending = nil
    } else if let current = pending, (current.quality > quality) == (wish > quality) {
      pending = (wish, current.decisionMs)
    } else {
      pending = (wish, nowMs)
    }
  }

  /// Waits shorter than this are rounded up to it, so rounding noise cannot stall the clock.
  public static var minimumIdleMs: Double { 0.001 }

  /// The wait the core asks for when it wants `durationMs` to pass: at most one decision
  /// interval, at least `minimumIdleMs`.
  public func idleStep(_ durationMs: Double) -> Double {
    max(min(durationMs, options.decisionIntervalMs), Self.minimumIdleMs)
  }

  /// `ms` passed with nothing transferred (`ProtocolAction.idle`, or a wait for production before
  /// an init packet): plays out; a wait for room in a full buffer is reported to the ABR (as
  /// Sabre reports its full-buffer delay); waits for live production are not.
  public mutating func didIdle(nowMs: Double, ms: Double, bufferFull: Bool) {
    self.nowMs = nowMs
    playout.advance(toMs: nowMs)
    if bufferFull { algorithm.didIdle(durationMs: ms, state: &abrState) }
  }

  /// Plays out up to `nowMs` (a real player's display clock between events).
  public mutating func advance(nowMs: Double) {
    self.nowMs = nowMs
    playout.advance(toMs: nowMs)
  }

  /// Replaces buffered frames from `frame` on (they count as wasted and as on their way).
  mutating func replace(from frame: Int) {
    guard frame < nextFrame else { return }
    replacedUntilFrame = max(replacedUntilFrame, nextFrame)
    wastedBits += playout.discard(from: frame)
    dropSwitches(from: frame)
    nextFrame = frame
  }

  /// Records a switch whose first frame is `frame`.
  mutating func recordSwitch(to newQuality: Int, frame: Int, replaced: Bool, initBytes: Int = 0) {
    let decisionMs: Double
    if let pending, (pending.quality > quality) == (newQuality > quality) {
      decisionMs = pending.decisionMs
    } else {
      decisionMs = nowMs
    }
    switches.append(
      ProtocolSwitch(
        fromQuality: quality, toQuality: newQuality, decisionMs: decisionMs, requestMs: nowMs,
        frame: frame,
        replacedBufferedMedia: replaced, initPacketByteCount: initBytes))
    switchIndexByFrame[frame] = switches.count - 1
    playout.watched.insert(frame)
    pending = nil
  }

  /// Forgets the switches whose first frame was replaced before display.
  mutating func dropSwitches(from frame: Int) {
    for (switchFrame, _) in switchIndexByFrame where switchFrame >= frame {
      switchIndexByFrame[switchFrame] = nil
      playout.watched.remove(switchFrame)
    }
  }

  /// Reports a completed transfer to the estimator and the ABR.
  mutating func report(bits: Double, transferMs: Double, latencyMs: Double) {
    guard bits > 0, transferMs > 0 else { return }
    estimator.add(durationMs: transferMs, throughputKbps: bits / transferMs, latencyMs: latencyMs)
    let report = DownloadReport(
      segmentIndex: nextFrame / unitFrames, quality: quality, sizeBits: bits, downloadedBits: bits,
      timeMs: latencyMs + transferMs, timeToFirstBitMs: latencyMs)
    algorithm.didDownload(report, context: context(), state: &abrState)
  }

  /// The transport could not complete a request (the simulator's time limit, a real player's
  /// failed request): the session stops, incomplete.
  public mutating func fail() {
    completed = false
    finished = true
  }

  /// What to do next at `nowMs`: the decisions of the protocol, on this value and the clock.
  /// - Parameter hint: the link as the transport knows it, used only before the first sample.
  public mutating func nextAction(nowMs: Double, hint: LinkHint) -> ProtocolAction {
    self.nowMs = nowMs
    self.hint = hint
    if finished { return .finish }
    if !started {
      started = true
      quality = clamp(algorithm.firstQuality(state: abrState))
      switch streamingProtocol {
      case .dash, .llDASH, .llHLS: startSegmented()
      case .hesp: return startContinuation()
      }
    }
    let action: ProtocolAction
    switch streamingProtocol {
    case .dash, .llDASH, .llHLS: action = nextSegmentedAction()
    case .hesp: action = nextContinuationAction()
    }
    if action == .finish { finished = true }
    return action
  }

  /// The session's result once `nextAction` said `.finish`: plays out what is buffered.
  /// - Parameter trace: the network trace, for the reaction time (nil when unknown).
  public mutating func finish(nowMs: Double, trace: NetworkTrace?) -> ProtocolSessionResult {
    self.nowMs = nowMs
    playout.advance(toMs: .infinity)
    return makeResult(trace: trace)
  }
}
