/// `hesp`: init packet p, then one long-lived continuation transfer from p + 1. The continuation
/// request is sent as soon as the init packet's first bytes (its `initdata` emsg) arrive, so its
/// latency overlaps the init packet's transfer. Frames flow one after the other as the link
/// delivers them, in live never before their production. The ABR is asked every decision block;
/// a switch to track q picks the earliest frame p the init packet can still reach in time
/// (with `replaceBufferedFrames`; else the first frame not downloaded), drops the buffered frames
/// from p on, and reopens on q.
extension ProtocolSession {
  /// VoD: frame 0. Live: the init packet whose frame puts playback at the target latency
  /// (`now − target`, a computed sequence number), or the latest one (`now`) when the target is
  /// below one frame of what is produced; `now` with `hespJoinsAtLiveEdge`.
  func continuationJoinFrame() -> Int {
    guard options.live else { return 0 }
    if options.hespJoinsAtLiveEdge { return max(0, headStartFrames - 1) }
    let behind = Int((options.targetLatencyMs / content.frameMs).rounded(.down))
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

  /// Fetches init packet `frame` of `track` and reopens the continuation at `frame + 1`.
  /// - Returns: the physical bound of this switch (link latency + init transfer + one frame), or
  ///   nil when the time limit passed.
  mutating func open(track: Int, frame: Int, block: inout (bits: Double, transferMs: Double, latencyMs: Double)) -> Double? {
    while availableMs(frame) > nowMs { idle(availableMs(frame) - nowMs) }
    let requestMs = nowMs
    let latencyMs = link.latencyDelay(units: 1)
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
    let continuationFirstByteMs = requestMs + latencyMs + link.currentPeriod.latencyMs
    if continuationFirstByteMs > nowMs { link.idle(durationMs: continuationFirstByteMs - nowMs) }
    playout.advance(toMs: nowMs)
    return latencyMs + transferMs + content.frameMs
  }

  /// The switch frame for `track`: with replacement, the first frame not yet displayed whose
  /// display slot is after the estimated arrival of its init packet; else the next frame to fetch.
  func switchFrame(track: Int) -> Int? {
    guard options.replaceBufferedFrames else { return initPacketFrame(atOrAfter: nextFrame, track: track) }
    let latency = estimator.latencyMs ?? link.currentPeriod.latencyMs
    let throughput = estimator.throughputKbps ?? max(link.currentPeriod.bandwidthKbps, 1)
    let initBits = content.initBits(track: track, frame: min(playout.nextToPlay, content.frameCount - 1))
    let readyMs = nowMs + latency + initBits / max(throughput, 1e-9)
    var frame = playout.nextToPlay
    while frame < nextFrame && playout.scheduledDisplayMs(of: frame, nowMs: nowMs) < readyMs { frame += 1 }
    return initPacketFrame(atOrAfter: frame, track: track)
  }

  mutating func runContinuation() {
    var block = (bits: 0.0, transferMs: 0.0, latencyMs: 0.0)
    let join = continuationJoinFrame()
    playout.nextToPlay = join
    guard open(track: quality, frame: join, block: &block) != nil else {
      completed = false
      return
    }
    var isSpliced = true
    var lastDecisionMs = nowMs
    var framesSinceDecision = 0
    while nextFrame < content.frameCount {
      if nowMs > maximumSessionMs {
        completed = false
        return
      }
      if framesSinceDecision >= unitFrames || nowMs - lastDecisionMs >= options.decisionIntervalMs {
        report(bits: block.bits, transferMs: block.transferMs, latencyMs: block.latencyMs)
        block.bits = 0
        block.transferMs = 0
        lastDecisionMs = nowMs
        framesSinceDecision = 0
        let wanted = clamp(algorithm.decide(context(), state: &abrState).quality)
        if wanted != quality, let frame = switchFrame(track: wanted) {
          if frame < nextFrame {
            wastedBits += playout.discard(from: frame)
            dropSwitches(from: frame)
          }
          let initBytes = Int(content.initBits(track: wanted, frame: frame) / 8)
          recordSwitch(to: wanted, frame: frame, initBytes: initBytes)
          guard let boundMs = open(track: wanted, frame: frame, block: &block) else {
            completed = false
            return
          }
          switches[switches.count - 1].boundMs = boundMs
          isSpliced = true
          continue
        } else if wanted == quality {
          pending = nil
        }
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
      nextFrame += 1
      framesSinceDecision += 1
      playout.advance(toMs: nowMs)
    }
  }
}
