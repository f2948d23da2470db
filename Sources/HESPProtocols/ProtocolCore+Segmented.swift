import HESPABR
import HESPSimulator

/// `dash`, `ll-dash` and `ll-hls`: one request per unit (segment or part), one latency each. A
/// switch needs a unit that starts with a keyframe in the new track.
/// - `dash` requests a live segment once it is complete; its frames are usable when the whole
///   segment has arrived.
/// - `ll-dash` requests a segment as soon as its first chunk can exist (availability start minus
///   `availabilityTimeOffset`); the server sends each chunk (frame) as it is produced and the
///   player uses it on arrival (dash.js low-latency mode).
/// - `ll-hls` sends the request of the next part as soon as the previous one arrived (blocking
///   preload hint): the server holds it until the part is complete, so the latency overlaps the
///   wait.
extension ProtocolCore {
  /// The segment protocols' loop state between actions.
  struct SegmentedState: Sendable {
    enum Phase: Sendable {
      /// Back at the top of the loop.
      case loop
      /// After a wait: probe the ABR, then loop.
      case probeAfterIdle
      /// Everything fetched, after a wait: one decision that may replace buffered media.
      case decideAtEnd
    }

    var unitStart = 0
    var isFirst = true
    var phase = Phase.loop
    /// The unit in flight: its end, and whether it is a regular fetch (probe afterwards) or a
    /// replacement after everything was fetched.
    var fetching: (end: Int, regular: Bool)?
  }

  /// The first unit. VoD: frame 0. Live: the latest unit that starts with a keyframe in the first
  /// quality, was captured at least the (effective) target latency ago and can be requested now
  /// (complete for `dash` and `ll-hls`, its first frame produced for `ll-dash`).
  func segmentedJoinFrame() -> Int {
    guard options.live else { return 0 }
    var start = 0
    var candidate = 0
    while start < content.frameCount {
      let end = content.unitEnd(from: start, unitFrames: unitFrames)
      let requestable =
        streamingProtocol == .llDASH ? availableMs(start) <= 0 : availableMs(end - 1) <= 0
      if !requestable { break }
      if content.isKeyframe(track: quality, frame: start)
        && captureMs(start) <= -effectiveTargetLatencyMs
      {
        candidate = start
      }
      start = end
    }
    return candidate
  }

  /// When the request for the unit starting at `start` may leave.
  func requestMs(unitStart start: Int, unitEnd end: Int) -> Double {
    switch streamingProtocol {
    case .dash: availableMs(end - 1)
    case .llDASH: availableMs(start) - content.frameMs
    default: nowMs
    }
  }

  /// The unit starts from the playhead up to (not including) `end`.
  func unitStarts(before end: Int) -> [Int] {
    var starts: [Int] = []
    var start = (playout.nextToPlay / content.segmentFrames) * content.segmentFrames
    while start < end {
      if start >= playout.nextToPlay { starts.append(start) }
      start = content.unitEnd(from: start, unitFrames: unitFrames)
    }
    return starts
  }

  /// The earliest buffered unit start from which `track` can be fetched before its display slot
  /// (a keyframe in `track`; the whole unit for `dash` and `ll-hls`, its first frame for
  /// `ll-dash`, estimated from the link estimates); nil when none can.
  func replacementStart(track: Int, before end: Int) -> Int? {
    let (latency, throughput) = linkEstimate()
    for start in unitStarts(before: end) where content.isKeyframe(track: track, frame: start) {
      let unitEnd = content.unitEnd(from: start, unitFrames: unitFrames)
      let lastNeeded = streamingProtocol == .llDASH ? start + 1 : unitEnd
      var bits = 0.0
      for frame in start..<lastNeeded { bits += content.chunkBits(track: track, frame: frame) }
      let readyMs =
        max(nowMs, requestMs(unitStart: start, unitEnd: unitEnd)) + latency + bits / throughput
      if playout.scheduledDisplayMs(of: start, nowMs: nowMs) >= readyMs { return start }
    }
    return nil
  }

  mutating func startSegmented() {
    segmented.unitStart = segmentedJoinFrame()
    nextFrame = segmented.unitStart
    playout.start(at: segmented.unitStart)
    segmented.isFirst = true
  }

  mutating func nextSegmentedAction() -> ProtocolAction {
    switch segmented.phase {
    case .loop: break
    case .probeAfterIdle:
      segmented.phase = .loop
      probe()
    case .decideAtEnd:
      segmented.phase = .loop
      guard playout.nextToPlay < content.frameCount else { return .finish }
      let wanted = decide()
      notePending(wanted)
      if wanted != quality, options.replacement.replaces(up: wanted > quality),
        let start = replacementStart(track: wanted, before: segmented.unitStart),
        content.isKeyframe(track: wanted, frame: start)
      {
        replace(from: start)
        recordSwitch(to: wanted, frame: start, replaced: true)
        quality = wanted
        segmented.unitStart = start
        let unitEnd = content.unitEnd(from: start, unitFrames: unitFrames)
        segmented.fetching = (unitEnd, false)
        return .unit(track: quality, start: start, end: unitEnd)
      }
    }
    while segmented.unitStart < content.frameCount || playout.nextToPlay < content.frameCount {
      if nowMs > maximumSessionMs {
        completed = false
        return .finish
      }
      if segmented.unitStart >= content.frameCount {
        // Everything fetched: until the last frame is shown, only a replacing switch can still
        // change what plays.
        guard options.replacement != .none else { break }
        segmented.phase = .decideAtEnd
        return .idle(ms: idleStep(options.decisionIntervalMs), bufferFull: false)
      }
      var unitStart = segmented.unitStart
      var unitEnd = content.unitEnd(from: unitStart, unitFrames: unitFrames)
      let level = playout.bufferLevelMs(atMs: nowMs)
      let unitMs = Double(unitEnd - unitStart) * content.frameMs
      if !options.live, level + unitMs > options.bufferSizeMs + Self.minimumIdleMs {
        segmented.phase = .probeAfterIdle
        return .idle(ms: idleStep(level + unitMs - options.bufferSizeMs), bufferFull: true)
      }
      let requestAt = requestMs(unitStart: unitStart, unitEnd: unitEnd)
      if requestAt > nowMs {
        segmented.phase = .probeAfterIdle
        return .idle(ms: idleStep(requestAt - nowMs), bufferFull: false)
      }
      if !segmented.isFirst {
        let wanted = decide()
        notePending(wanted)
        if wanted != quality {
          var replaced = false
          if options.replacement.replaces(up: wanted > quality),
            let start = replacementStart(track: wanted, before: unitStart)
          {
            replace(from: start)
            unitStart = start
            unitEnd = content.unitEnd(from: unitStart, unitFrames: unitFrames)
            replaced = true
          }
          if content.isKeyframe(track: wanted, frame: unitStart) {
            recordSwitch(to: wanted, frame: unitStart, replaced: replaced)
            quality = wanted
          }
        }
      }
      segmented.unitStart = unitStart
      segmented.fetching = (unitEnd, true)
      return .unit(track: quality, start: unitStart, end: unitEnd)
    }
    return .finish
  }

  /// `ll-dash`: frame `frame` of the unit in flight arrived at `nowMs` and may play at once.
  public mutating func didReceiveUnitFrame(nowMs: Double, frame: Int) {
    self.nowMs = nowMs
    playout.add(
      frame: frame,
      .init(
        arrivalMs: nowMs, quality: quality, isSpliced: false,
        bits: content.chunkBits(track: quality, frame: frame)))
    playout.advance(toMs: nowMs)
  }

  /// `dash`, `ll-hls`: the whole unit in flight arrived at `nowMs`.
  public mutating func didReceiveUnit(nowMs: Double) {
    self.nowMs = nowMs
    guard let fetching = segmented.fetching else { return }
    for frame in segmented.unitStart..<fetching.end {
      playout.add(
        frame: frame,
        .init(
          arrivalMs: nowMs, quality: quality, isSpliced: false,
          bits: content.chunkBits(track: quality, frame: frame)))
    }
  }

  /// The unit in flight is complete at `nowMs`: `bits` received after `latencyMs` to the first
  /// byte and `transferMs` of active transfer (waits for production excluded).
  public mutating func didFinishUnit(
    nowMs: Double, bits: Double, transferMs: Double, latencyMs: Double
  ) {
    self.nowMs = nowMs
    guard let fetching = segmented.fetching else { return }
    lastRequestLatencyMs = latencyMs
    downloadedBits += bits
    nextFrame = fetching.end
    report(bits: bits, transferMs: transferMs, latencyMs: latencyMs)
    playout.advance(toMs: nowMs)
    segmented.fetching = nil
    segmented.unitStart = fetching.end
    if fetching.regular {
      probe()
      segmented.isFirst = false
    }
  }
}
