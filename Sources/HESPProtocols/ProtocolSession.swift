import HESPABR
import HESPCore
import HESPSimulator
import HESPTraces

/// One session of one protocol over a trace-replay link (`TraceLink`, Sabre's arithmetic) with
/// one ABR, at frame granularity. `dash`, `ll-dash` and `ll-hls` fetch request units (segments,
/// parts) with one latency each; `hesp` keeps one long-lived continuation transfer (latency
/// charged per (re)open, frames flow as the link delivers them, in live never before their
/// production) and switches through init packets. The session clock is the link's network time.
struct ProtocolSession<Algorithm: ABRAlgorithm> {
  let content: ProtocolContent
  let streamingProtocol: StreamingProtocol
  let options: ProtocolOptions
  let algorithm: Algorithm
  let ladder: QualityLadder
  /// Frames per request unit (segment, part) or per HESP decision block.
  let unitFrames: Int
  /// Live: the latency playback aims at (the target, or this protocol's floor when higher).
  let effectiveTargetLatencyMs: Double
  /// Live: frames already produced at session start.
  let headStartFrames: Int
  let maximumSessionMs: Double
  let trace: NetworkTrace

  var link: TraceLink
  var estimator: AnyThroughputEstimator
  var abrState: Algorithm.State
  var playout: FramePlayout
  /// The track being fetched.
  var quality = 0
  /// The next frame to fetch.
  var nextFrame = 0
  /// After a replacement: the end of the media that was buffered before it. Until the fetch
  /// passes it, the ABR counts those frames as buffered (their replacements are on their way).
  var replacedUntilFrame = 0
  /// The ABR's first wish for a quality the protocol has not delivered yet.
  var pending: (quality: Int, decisionMs: Double)?
  var switches: [ProtocolSwitch] = []
  var switchIndexByFrame: [Int: Int] = [:]
  var downloadedBits = 0.0
  var initPacketBits = 0.0
  var wastedBits = 0.0
  var completed = true
  /// Time to first byte of the last request (the continuation's blocks have none of their own).
  var lastRequestLatencyMs: Double?

  init(
    content: ProtocolContent, trace: NetworkTrace, streamingProtocol: StreamingProtocol,
    algorithm: Algorithm, options: ProtocolOptions
  ) {
    self.content = content
    self.trace = trace
    self.streamingProtocol = streamingProtocol
    self.algorithm = algorithm
    self.options = options
    let frameMs = content.frameMs
    unitFrames = UnitGrid.unitFrames(content: content, streamingProtocol: streamingProtocol, options: options)
    ladder = UnitGrid.ladder(content: content, unitFrames: unitFrames)
    let unitMs = Double(unitFrames) * frameMs
    let floorMs = ProtocolLatencyFloor.floorMs(of: streamingProtocol, content: content, options: options)
    effectiveTargetLatencyMs = max(options.targetLatencyMs, floorMs)
    // Enough produced media for a join at the target plus two segments of choice.
    let neededFrames = Int((effectiveTargetLatencyMs / frameMs).rounded(.up)) + 2 * content.segmentFrames
    headStartFrames =
      options.live
      ? min(
        content.frameCount - 1,
        max(Int((options.liveHeadStartSegments * Double(content.segmentFrames)).rounded()), neededFrames)) : 0
    maximumSessionMs = 2 * Double(content.frameCount) * frameMs + 60_000
    link = TraceLink(trace: trace, recordsEnteredPeriods: false)
    link.timeLimitMs = maximumSessionMs
    estimator = .ewma(EWMAEstimator(halfLivesSeconds: EWMAEstimator.defaultHalfLivesSeconds, segmentDurationMs: unitMs))
    abrState = algorithm.initialState
    playout = FramePlayout(
      firstFrame: 0, frameMs: frameMs,
      captureOffsetMs: options.live ? -Double(headStartFrames) * frameMs : nil,
      targetLatencyMs: effectiveTargetLatencyMs, catchupRate: options.live ? options.catchupRate : nil,
      catchupMinimumBufferMs: Self.catchupMinimumBufferMs(
        unitMs: streamingProtocol.isSegmented ? unitMs : frameMs, targetLatencyMs: effectiveTargetLatencyMs),
      settleWindowMs: options.settleWindowMs, bitratesKbps: content.bitratesKbps)
  }

  var nowMs: Double { link.networkTimeMs }

  /// Catch-up keeps one request unit (a frame for `hesp`) plus min(0.5 s, target / 2) buffered
  /// (dash.js `playbackBufferMin` is 0.5 s): faster playback never drains what must bridge the
  /// wait for the next unit, so it cannot cause a stall of its own.
  static func catchupMinimumBufferMs(unitMs: Double, targetLatencyMs: Double) -> Double {
    unitMs + min(500, targetLatencyMs / 2)
  }

  /// Live: when `frame` has been produced (its init packet and chunk exist); VoD: always.
  func availableMs(_ frame: Int) -> Double {
    options.live ? Double(frame + 1 - headStartFrames) * content.frameMs : -.infinity
  }

  /// Live: capture time of `frame`.
  func captureMs(_ frame: Int) -> Double { Double(frame - headStartFrames) * content.frameMs }

  /// The buffer level the ABR decides on: buffered media, plus media that was buffered and is
  /// being replaced (its replacement is on its way), so a replacing switch does not look like
  /// an empty buffer.
  func abrBufferLevelMs() -> Double {
    var level = playout.bufferLevelMs(atMs: nowMs)
    if replacedUntilFrame > nextFrame { level += Double(replacedUntilFrame - nextFrame) * content.frameMs }
    return level
  }

  func context() -> DecisionContext {
    DecisionContext(
      ladder: ladder, segmentIndex: min(nextFrame / unitFrames, ladder.segmentCount - 1),
      bufferLevelMs: abrBufferLevelMs(), throughputKbps: estimator.throughputKbps, latencyMs: estimator.latencyMs)
  }

  func clamp(_ quality: Int) -> Int { min(max(quality, 0), content.trackCount - 1) }

  /// The link estimates a switch is planned with: the latency (time to first byte) of the last
  /// request and the throughput estimate.
  func linkEstimate() -> (latencyMs: Double, throughputKbps: Double) {
    let latency = lastRequestLatencyMs ?? link.currentPeriod.latencyMs
    let throughput = estimator.throughputKbps ?? link.currentPeriod.bandwidthKbps
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
  static var minimumIdleMs: Double { 0.001 }

  /// Lets up to `durationMs` (at most one decision interval) pass with nothing transferred,
  /// playing out. Only a wait for room in a full buffer is reported to the ABR (`didIdle`, as
  /// Sabre reports its full-buffer delay); waits for live production are not.
  mutating func idle(_ durationMs: Double, bufferFull: Bool = false) {
    let step = max(min(durationMs, options.decisionIntervalMs), Self.minimumIdleMs)
    link.idle(durationMs: step)
    playout.advance(toMs: nowMs)
    if bufferFull { algorithm.didIdle(durationMs: step, state: &abrState) }
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
        fromQuality: quality, toQuality: newQuality, decisionMs: decisionMs, requestMs: nowMs, frame: frame,
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

  /// Runs the session to its end.
  mutating func run() -> ProtocolSessionResult {
    quality = clamp(algorithm.firstQuality(state: abrState))
    switch streamingProtocol {
    case .dash, .llDASH, .llHLS: runSegmented()
    case .hesp: runContinuation()
    }
    playout.advance(toMs: .infinity)
    return makeResult()
  }
}
