/// `dash` and `ll-hls`: one request per unit (segment or part), one latency each, the unit's
/// frames usable when the unit has arrived. A switch needs a unit that starts with a keyframe in
/// the new track. `dash` requests a live segment once it is complete; `ll-hls` sends the request
/// of the next part as soon as the previous one arrived (blocking preload hint): the server holds
/// it until the part is complete, so the latency overlaps the wait.
extension ProtocolSession {
  /// The first unit: VoD frame 0; live the latest complete unit that starts with a keyframe in
  /// the first quality and was captured at least the target latency ago.
  func segmentedJoinFrame() -> Int {
    guard options.live else { return 0 }
    var start = 0
    var candidate = 0
    while start < content.frameCount {
      let end = content.unitEnd(from: start, unitFrames: unitFrames)
      if availableMs(end - 1) > 0 { break }
      if content.isKeyframe(track: quality, frame: start) && captureMs(start) <= -options.targetLatencyMs {
        candidate = start
      }
      start = end
    }
    return candidate
  }

  mutating func runSegmented() {
    var unitStart = segmentedJoinFrame()
    nextFrame = unitStart
    playout.nextToPlay = unitStart
    var isFirst = true
    while unitStart < content.frameCount {
      if nowMs > maximumSessionMs {
        completed = false
        return
      }
      let unitEnd = content.unitEnd(from: unitStart, unitFrames: unitFrames)
      let frameCount = unitEnd - unitStart
      let availableAt = availableMs(unitEnd - 1)
      if !options.live, playout.bufferLevelMs(atMs: nowMs) + Double(frameCount) * content.frameMs
        > options.bufferSizeMs + Self.minimumIdleMs
      {
        idle(
          playout.bufferLevelMs(atMs: nowMs) + Double(frameCount) * content.frameMs - options.bufferSizeMs,
          bufferFull: true)
        probe()
        continue
      }
      let requestAt = streamingProtocol == .llHLS ? nowMs : availableAt
      if requestAt > nowMs {
        idle(requestAt - nowMs)
        probe()
        continue
      }
      if !isFirst {
        let wanted = clamp(algorithm.decide(context(), state: &abrState).quality)
        if wanted != quality {
          if content.isKeyframe(track: wanted, frame: unitStart) {
            recordSwitch(to: wanted, frame: unitStart)
            quality = wanted
          } else {
            notePending(wanted)
          }
        } else {
          pending = nil
        }
      }
      let latencyMs = link.latencyDelay(units: 1)
      if availableAt > nowMs { link.idle(durationMs: availableAt - nowMs) }
      var bits = 0.0
      for frame in unitStart..<unitEnd { bits += content.chunkBits(track: quality, frame: frame) }
      guard let transferMs = link.transfer(sizeBits: bits) else {
        completed = false
        return
      }
      downloadedBits += bits
      for frame in unitStart..<unitEnd {
        playout.add(
          frame: frame,
          .init(arrivalMs: nowMs, quality: quality, isSpliced: false, bits: content.chunkBits(track: quality, frame: frame)))
      }
      nextFrame = unitEnd
      report(bits: bits, transferMs: transferMs, latencyMs: latencyMs)
      playout.advance(toMs: nowMs)
      probe()
      unitStart = unitEnd
      isFirst = false
    }
  }
}
