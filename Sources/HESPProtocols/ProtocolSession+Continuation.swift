import HESPTraces
import HESPSimulator
import HESPABR
/// `hesp`: init packet p, then one long-lived continuation transfer from p + 1. Under the draft
/// a player learns where the continuation resumes only from the init packet's `initdata`, so
/// the continuation request leaves when the init packet's first bytes arrive and its data comes
/// one round trip after the init packet's (`hespKnowsContinuationOffsets`: both requests leave
/// at once). Frames flow one after the other as the link delivers them, in live never before
/// their production. The ABR decides once per decision interval; a switch to track q picks the
/// earliest frame p whose init packet and continuation frame p + 1 can both arrive before their
/// display slots, so a switch on a link that sustains the new rung does not freeze.
extension ProtocolSession {
  /// A block of continuation transfer reported to the estimator and the ABR.
  struct TransferBlock {
    var bits = 0.0
    var transferMs = 0.0
    var latencyMs = 0.0
  }

  /// VoD: frame 0. Live: the init packet whose frame puts playback at the target latency
  /// (`now − target`, a computed sequence number), or the latest one (`now`) when the target is
  /// below one frame of what is produced; `now` with `hespJoinsAtLiveEdge`.
  func continuationJoinFrame() -> Int {
    guard options.live else { return 0 }
    if options.hespJoinsAtLiveEdge { return max(0, headStartFrames - 1) }
    let behind = Int((effectiveTargetLatencyMs / content.frameMs).rounded(.down))
    return max(0, min(headStartFrames - 1, headStartFrames - behind))
  }

  /// The first frame at or after `frame` that has an init packet in `track`.
  func initPacketFrame(atOrAfter frame: Int, track: Int) -> Int? {
    var candidate = frame
    while candidate < content.frameCount {
      if content.initBits(track: track, frame: candidate) > 0 { return candidate }
      candidate += 1
    }
    return nil
  }

  /// Estimated arrival of init packet `frame` of `track` and of continuation frame `frame + 1`,
  /// if both were requested now.
  func estimatedArrival(track: Int, frame: Int) -> (initMs: Double, continuationMs: Double) {
    let (latency, throughput) = linkEstimate()
    let start = max(nowMs, availableMs(frame))
    let initMs = start + latency + content.initBits(track: track, frame: frame) / throughput
    let continuationFirstByteMs = options.hespKnowsContinuationOffsets ? initMs : max(initMs, start + 2 * latency)
    let next = min(frame + 1, content.frameCount - 1)
    let continuationMs =
      max(continuationFirstByteMs, availableMs(next)) + content.chunkBits(track: track, frame: next) / throughput
    return (initMs, continuationMs)
  }

  /// True when init packet `frame` and continuation frame `frame + 1` can both arrive before
  /// their display slots.
  func arrivesInTime(track: Int, frame: Int) -> Bool {
    let arrival = estimatedArrival(track: track, frame: frame)
    let slot = playout.scheduledDisplayMs(of: frame, nowMs: nowMs)
    return slot >= arrival.initMs && slot + content.frameMs >= arrival.continuationMs
  }

  /// The switch frame for `track`, or nil to wait: with replacement, the earliest buffered frame
  /// whose init packet and next continuation frame arrive in time; otherwise (or when none does)
  /// the first frame not yet downloaded. A switch that cannot arrive in time there waits while
  /// the buffer can still grow.
  func switchFrame(track: Int) -> (frame: Int, replaces: Bool)? {
    let up = track > quality
    if options.replacement.replaces(up: up) {
      var frame = playout.nextToPlay
      while frame < nextFrame {
        if content.initBits(track: track, frame: frame) > 0 && arrivesInTime(track: track, frame: frame) {
          return (frame, true)
        }
        frame += 1
      }
    }
    guard let end = initPacketFrame(atOrAfter: nextFrame, track: track) else { return nil }
    // Too close to the end of the buffer: wait while the buffer grows (a down-switch only while
    // the link still sustains the current rung; otherwise waiting would not help).
    if !arrivesInTime(track: track, frame: end) && bufferCanGrow()
      && (up || linkEstimate().throughputKbps >= content.bitratesKbps[quality])
    {
      return nil
    }
    return (end, false)
  }

  /// VoD: room left in the buffer; live: the buffer has not yet reached the target latency.
  func bufferCanGrow() -> Bool {
    let level = playout.bufferLevelMs(atMs: nowMs)
    return options.live
      ? level + content.frameMs < effectiveTargetLatencyMs
      : level + content.frameMs <= options.bufferSizeMs
  }

  /// Fetches init packet `frame` of `track` and reopens the continuation at `frame + 1`.
  /// - Returns: the init packet's arrival time, or nil when the time limit passed.
  mutating func open(track: Int, frame: Int, block: inout TransferBlock) -> Double? {
    while availableMs(frame) > nowMs { idle(availableMs(frame) - nowMs) }
    let requestMs = nowMs
    let latencyMs = link.latencyDelay(units: 1)
    lastRequestLatencyMs = latencyMs
    let bits = content.initBits(track: track, frame: frame)
    guard let transferMs = link.transfer(sizeBits: bits) else { return nil }
    downloadedBits += bits
    initPacketBits += bits
    block.bits += bits
    block.transferMs += transferMs
    block.latencyMs = latencyMs
    quality = track
    playout.add(frame: frame, .init(arrivalMs: nowMs, quality: track, isSpliced: false, bits: bits))
    nextFrame = frame + 1
    if !options.hespKnowsContinuationOffsets {
      // The continuation request leaves with the init packet's first bytes (its `initdata`).
      let continuationFirstByteMs = requestMs + latencyMs + link.currentPeriod.latencyMs
      if continuationFirstByteMs > nowMs { link.idle(durationMs: continuationFirstByteMs - nowMs) }
    }
    playout.advance(toMs: nowMs)
    return requestMs + latencyMs + transferMs
  }

  /// Switches to `track` at `frame` (replacing what is buffered from there): records the switch
  /// and opens the new track.
  /// - Returns: the switch's index, request time and init packet arrival; nil (and the session
  ///   marked incomplete) when the time limit passed.
  mutating func switchNow(to track: Int, frame: Int, replaces: Bool, block: inout TransferBlock)
    -> (index: Int, requestMs: Double, initArrivalMs: Double)?
  {
    replace(from: frame)
    let initBytes = Int(content.initBits(track: track, frame: frame) / 8)
    recordSwitch(to: track, frame: frame, replaced: replaces, initBytes: initBytes)
    let requestMs = max(nowMs, availableMs(frame))
    guard let initArrivalMs = open(track: track, frame: frame, block: &block) else {
      completed = false
      return nil
    }
    return (switches.count - 1, requestMs, initArrivalMs)
  }

  mutating func runContinuation() {
    var block = TransferBlock()
    let join = continuationJoinFrame()
    playout.start(at: join)
    guard open(track: quality, frame: join, block: &block) != nil else {
      completed = false
      return
    }
    var isSpliced = true
    var lastDecisionMs = nowMs
    var framesInBlock = 0
    /// The switch whose bound waits for its first continuation frame: (index, request, init arrival).
    var openSwitch: (index: Int, requestMs: Double, initArrivalMs: Double)?
    /// A switch at the end of the buffer waiting for the new track's next init packet.
    var planned: (track: Int, frame: Int)?
    // Decisions go on until the last frame is shown: with everything fetched, only a replacing
    // switch can still change what plays.
    while nextFrame < content.frameCount || playout.nextToPlay < content.frameCount {
      if nowMs > maximumSessionMs {
        completed = false
        return
      }
      if framesInBlock >= unitFrames {
        report(bits: block.bits, transferMs: block.transferMs, latencyMs: block.latencyMs)
        block = TransferBlock()
        framesInBlock = 0
      }
      if nowMs - lastDecisionMs >= options.decisionIntervalMs - Self.minimumIdleMs {
        lastDecisionMs = nowMs
        let wanted = clamp(algorithm.decide(context(), state: &abrState).quality)
        notePending(wanted)
        planned = nil
        if wanted != quality, let target = switchFrame(track: wanted) {
          if target.frame > nextFrame {
            // Sparse init packets: keep fetching this track up to the next one.
            planned = (wanted, target.frame)
            continue
          }
          guard let opened = switchNow(to: wanted, frame: target.frame, replaces: target.replaces, block: &block)
          else { return }
          openSwitch = opened
          isSpliced = true
          continue
        }
      }
      if let switchTo = planned, switchTo.frame == nextFrame {
        planned = nil
        guard let opened = switchNow(to: switchTo.track, frame: nextFrame, replaces: false, block: &block)
        else { return }
        openSwitch = opened
        isSpliced = true
        continue
      }
      if nextFrame >= content.frameCount {
        guard options.replacement != .none else { break }
        idle(lastDecisionMs + options.decisionIntervalMs - nowMs)
        continue
      }
      let availableAt = availableMs(nextFrame)
      if availableAt > nowMs {
        idle(availableAt - nowMs)
        continue
      }
      let level = playout.bufferLevelMs(atMs: nowMs)
      if !options.live, level + content.frameMs > options.bufferSizeMs + Self.minimumIdleMs {
        idle(level + content.frameMs - options.bufferSizeMs, bufferFull: true)
        continue
      }
      let bits = content.chunkBits(track: quality, frame: nextFrame)
      guard let transferMs = link.transfer(sizeBits: bits) else {
        completed = false
        return
      }
      downloadedBits += bits
      block.bits += bits
      block.transferMs += transferMs
      if content.isKeyframe(track: quality, frame: nextFrame) { isSpliced = false }
      playout.add(frame: nextFrame, .init(arrivalMs: nowMs, quality: quality, isSpliced: isSpliced, bits: bits))
      if let open = openSwitch {
        // Continuous from the request at best: init packet shown, frame p + 1 one slot later.
        switches[open.index].boundMs = max(open.initArrivalMs, nowMs - content.frameMs) - open.requestMs
        openSwitch = nil
      }
      nextFrame += 1
      framesInBlock += 1
      playout.advance(toMs: nowMs)
    }
  }
}
