import HESPSimulator
import HESPABR
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
extension ProtocolSession {
  /// The first unit. VoD: frame 0. Live: the latest unit that starts with a keyframe in the first
  /// quality, was captured at least the (effective) target latency ago and can be requested now
  /// (complete for `dash` and `ll-hls`, its first frame produced for `ll-dash`).
  func segmentedJoinFrame() -> Int {
    guard options.live else { return 0 }
    var start = 0
    var candidate = 0
    while start < content.frameCount {
      let end = content.unitEnd(from: start, unitFrames: unitFrames)
      let requestable = streamingProtocol == .llDASH ? availableMs(start) <= 0 : availableMs(end - 1) <= 0
      if !requestable { break }
      if content.isKeyframe(track: quality, frame: start) && captureMs(start) <= -effectiveTargetLatencyMs {
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
      let readyMs = max(nowMs, requestMs(unitStart: start, unitEnd: unitEnd)) + latency + bits / throughput
      if playout.scheduledDisplayMs(of: start, nowMs: nowMs) >= readyMs { return start }
    }
    return nil
  }

  mutating func runSegmented() {
    var unitStart = segmentedJoinFrame()
    nextFrame = unitStart
    playout.start(at: unitStart)
    var isFirst = true
    while unitStart < content.frameCount || playout.nextToPlay < content.frameCount {
      if nowMs > maximumSessionMs {
        completed = false
        return
      }
      if unitStart >= content.frameCount {
        // Everything fetched: until the last frame is shown, only a replacing switch can still
        // change what plays.
        guard options.replacement != .none else { break }
        idle(options.decisionIntervalMs)
        guard playout.nextToPlay < content.frameCount else { break }
        let wanted = clamp(algorithm.decide(context(), state: &abrState).quality)
        notePending(wanted)
        guard wanted != quality, options.replacement.replaces(up: wanted > quality),
          let start = replacementStart(track: wanted, before: unitStart),
          content.isKeyframe(track: wanted, frame: start)
        else { continue }
        replace(from: start)
        recordSwitch(to: wanted, frame: start, replaced: true)
        quality = wanted
        unitStart = start
        let unitEnd = content.unitEnd(from: unitStart, unitFrames: unitFrames)
        guard fetch(from: unitStart, to: unitEnd) else {
          completed = false
          return
        }
        unitStart = unitEnd
        continue
      }
      var unitEnd = content.unitEnd(from: unitStart, unitFrames: unitFrames)
      let level = playout.bufferLevelMs(atMs: nowMs)
      let unitMs = Double(unitEnd - unitStart) * content.frameMs
      if !options.live, level + unitMs > options.bufferSizeMs + Self.minimumIdleMs {
        idle(level + unitMs - options.bufferSizeMs, bufferFull: true)
        probe()
        continue
      }
      let requestAt = requestMs(unitStart: unitStart, unitEnd: unitEnd)
      if requestAt > nowMs {
        idle(requestAt - nowMs)
        probe()
        continue
      }
      if !isFirst {
        let wanted = clamp(algorithm.decide(context(), state: &abrState).quality)
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
      guard fetch(from: unitStart, to: unitEnd) else {
        completed = false
        return
      }
      probe()
      unitStart = unitEnd
      isFirst = false
    }
  }

  /// Requests frames `start..<end` of the current track as one unit and adds them to the
  /// playout; false when the time limit passed.
  mutating func fetch(from start: Int, to end: Int) -> Bool {
    let latencyMs = link.latencyDelay(units: 1)
    lastRequestLatencyMs = latencyMs
    var bits = 0.0
    var transferMs = 0.0
    if streamingProtocol == .llDASH {
      for frame in start..<end {
        if availableMs(frame) > nowMs { link.idle(durationMs: availableMs(frame) - nowMs) }
        let chunk = content.chunkBits(track: quality, frame: frame)
        guard let time = link.transfer(sizeBits: chunk) else { return false }
        bits += chunk
        transferMs += time
        playout.add(frame: frame, .init(arrivalMs: nowMs, quality: quality, isSpliced: false, bits: chunk))
        playout.advance(toMs: nowMs)
      }
    } else {
      let availableAt = availableMs(end - 1)
      if availableAt > nowMs { link.idle(durationMs: availableAt - nowMs) }
      for frame in start..<end { bits += content.chunkBits(track: quality, frame: frame) }
      guard let time = link.transfer(sizeBits: bits) else { return false }
      transferMs = time
      for frame in start..<end {
        playout.add(
          frame: frame,
          .init(arrivalMs: nowMs, quality: quality, isSpliced: false, bits: content.chunkBits(track: quality, frame: frame)))
      }
    }
    downloadedBits += bits
    nextFrame = end
    report(bits: bits, transferMs: transferMs, latencyMs: latencyMs)
    playout.advance(toMs: nowMs)
    return true
  }
}
