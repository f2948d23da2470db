import HESPABR
import HESPSimulator
import HESPTraces

/// `hesp`: init packet p, then one long-lived continuation transfer from p + 1. Under the draft
/// a player learns where the continuation resumes only from the init packet's `initdata`, so
/// the continuation request leaves when the init packet's first bytes arrive and its data comes
/// one round trip after the init packet's (`hespKnowsContinuationOffsets`: both requests leave
/// at once); that round trip is the transport's (`FrameSimulationSession` charges it on its link, a
/// real player makes the request). Frames flow one after the other as the link delivers them,
/// in live never before their production. The ABR decides once per decision interval; a switch
/// to track q picks the earliest frame p whose init packet and continuation frame p + 1 can both
/// arrive before their display slots, so a switch on a link that sustains the new rung does not
/// freeze.
extension ProtocolCore {
  /// A block of continuation transfer reported to the estimator and the ABR.
  struct TransferBlock: Sendable {
    var bits = 0.0
    var transferMs = 0.0
    var latencyMs = 0.0
  }

  /// The init packet being fetched (`ProtocolAction.open`): the switch it belongs to (nil for
  /// the join) and that switch's request time.
  struct Opening: Sendable {
    var switchIndex: Int?
    var switchRequestMs: Double
  }

  /// `hesp`'s loop state between actions.
  struct ContinuationState: Sendable {
    var block = TransferBlock()
    var isSpliced = true
    var lastDecisionMs = 0.0
    var framesInBlock = 0
    /// The switch whose bound waits for its first continuation frame: (index, request, init arrival).
    var openSwitch: (index: Int, requestMs: Double, initArrivalMs: Double)?
    /// A switch at the end of the buffer waiting for the new track's next init packet.
    var planned: (track: Int, frame: Int)?
    var opening: Opening?
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
    let continuationFirstByteMs =
      options.hespKnowsContinuationOffsets ? initMs : max(initMs, start + 2 * latency)
    let next = min(frame + 1, content.frameCount - 1)
    let continuationMs =
      max(continuationFirstByteMs, availableMs(next)) + content.chunkBits(track: track, frame: next)
      / throughput
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
        if content.initBits(track: track, frame: frame) > 0
          && arrivesInTime(track: track, frame: frame)
        {
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

  /// The join: init packet of the join frame in the first quality.
  mutating func startContinuation() -> ProtocolAction {
    let join = continuationJoinFrame()
    playout.start(at: join)
    continuation.opening = Opening(switchIndex: nil, switchRequestMs: nowMs)
    return .open(track: quality, frame: join)
  }

  /// Switches to `track` at `frame` (replacing what is buffered from there): records the switch
  /// and asks for the new track's init packet.
  mutating func beginSwitch(to track: Int, frame: Int, replaces: Bool) -> ProtocolAction {
    replace(from: frame)
    let initBytes = Int(content.initBits(track: track, frame: frame) / 8)
    recordSwitch(to: track, frame: frame, replaced: replaces, initBytes: initBytes)
    continuation.opening = Opening(
      switchIndex: switches.count - 1, switchRequestMs: max(nowMs, availableMs(frame)))
    return .open(track: track, frame: frame)
  }

  mutating func nextContinuationAction() -> ProtocolAction {
    // Decisions go on until the last frame is shown: with everything fetched, only a replacing
    // switch can still change what plays.
    while nextFrame < content.frameCount || playout.nextToPlay < content.frameCount {
      if nowMs > maximumSessionMs {
        completed = false
        return .finish
      }
      if continuation.framesInBlock >= unitFrames {
        let block = continuation.block
        report(bits: block.bits, transferMs: block.transferMs, latencyMs: block.latencyMs)
        continuation.block = TransferBlock()
        continuation.framesInBlock = 0
      }
      if nowMs - continuation.lastDecisionMs >= options.decisionIntervalMs - Self.minimumIdleMs {
        continuation.lastDecisionMs = nowMs
        let wanted = decide()
        notePending(wanted)
        continuation.planned = nil
        if wanted != quality, let target = switchFrame(track: wanted) {
          if target.frame > nextFrame {
            // Sparse init packets: keep fetching this track up to the next one.
            continuation.planned = (wanted, target.frame)
            continue
          }
          return beginSwitch(to: wanted, frame: target.frame, replaces: target.replaces)
        }
      }
      if let switchTo = continuation.planned, switchTo.frame == nextFrame {
        continuation.planned = nil
        return beginSwitch(to: switchTo.track, frame: nextFrame, replaces: false)
      }
      if nextFrame >= content.frameCount {
        guard options.replacement != .none else { break }
        return .idle(
          ms: idleStep(continuation.lastDecisionMs + options.decisionIntervalMs - nowMs),
          bufferFull: false)
      }
      let availableAt = availableMs(nextFrame)
      if availableAt > nowMs { return .idle(ms: idleStep(availableAt - nowMs), bufferFull: false) }
      let level = playout.bufferLevelMs(atMs: nowMs)
      if !options.live, level + content.frameMs > options.bufferSizeMs + Self.minimumIdleMs {
        return .idle(ms: idleStep(level + content.frameMs - options.bufferSizeMs), bufferFull: true)
      }
      return .continuationFrame(track: quality, frame: nextFrame)
    }
    return .finish
  }

  /// Init packet `frame` of `track` (`ProtocolAction.open`) arrived at `nowMs`: `bits` after
  /// `latencyMs` to its first byte and `transferMs` of transfer. It becomes the buffered frame,
  /// and the continuation resumes at `frame + 1`.
  public mutating func didReceiveInitPacket(
    nowMs: Double, track: Int, frame: Int, bits: Double, transferMs: Double, latencyMs: Double
  ) {
    self.nowMs = nowMs
    lastRequestLatencyMs = latencyMs
    downloadedBits += bits
    initPacketBits += bits
    continuation.block.bits += bits
    continuation.block.transferMs += transferMs
    continuation.block.latencyMs = latencyMs
    quality = track
    playout.add(frame: frame, .init(arrivalMs: nowMs, quality: track, isSpliced: false, bits: bits))
    nextFrame = frame + 1
  }

  /// The continuation after the init packet is open (its request sent, after the init packet's
  /// `initdata` unless the offsets are known); `initArrivalMs`: when the init packet's last byte
  /// arrived.
  public mutating func didOpenContinuation(nowMs: Double, initArrivalMs: Double) {
    self.nowMs = nowMs
    playout.advance(toMs: nowMs)
    if let opening = continuation.opening, let index = opening.switchIndex {
      continuation.openSwitch = (index, opening.switchRequestMs, initArrivalMs)
      continuation.isSpliced = true
    } else {
      continuation.lastDecisionMs = nowMs
    }
    continuation.opening = nil
  }

  /// Continuation frame `nextFrame` of the current track arrived at `nowMs` (`bits` in
  /// `transferMs` of active transfer).
  public mutating func didReceiveContinuationFrame(nowMs: Double, bits: Double, transferMs: Double)
  {
    self.nowMs = nowMs
    downloadedBits += bits
    continuation.block.bits += bits
    continuation.block.transferMs += transferMs
    if content.isKeyframe(track: quality, frame: nextFrame) { continuation.isSpliced = false }
    playout.add(
      frame: nextFrame,
      .init(arrivalMs: nowMs, quality: quality, isSpliced: continuation.isSpliced, bits: bits))
    if let open = continuation.openSwitch {
      // Continuous from the request at best: init packet shown, frame p + 1 one slot later.
      switches[open.index].boundMs =
        max(open.initArrivalMs, nowMs - content.frameMs) - open.requestMs
      continuation.openSwitch = nil
    }
    nextFrame += 1
    continuation.framesInBlock += 1
    playout.advance(toMs: nowMs)
  }
}
