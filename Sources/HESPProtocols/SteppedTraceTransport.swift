import HESPABR
import HESPCore
import HESPSimulator
import HESPTraces

/// Carries out a core's actions on a `TraceLink`, one step per action (ask the core, advance the
/// link, tell the core what it measured): the frame-level simulator's transport, for any core
/// (the concrete `ProtocolCore` of `FrameSimulationSession`, or the `any ProtocolDecisions` a
/// player uses, through `FrameSimulation.simulate`).
enum SteppedTraceTransport {
  /// Runs `core` to its end over a link replaying `trace`.
  static func run<Core: ProtocolDecisions>(_ core: inout Core, trace: NetworkTrace)
    -> ProtocolSessionResult
  {
    var link = TraceLink(trace: trace, recordsEnteredPeriods: false)
    link.timeLimitMs = core.maximumSessionMs
    // The continuation's last action was a transfer: it streams (a wait stops it).
    var streaming = false
    var continuation = PacketizedResponse(packetPayloadBytes: core.options.packetPayloadBytes)
    while true {
      let hint = LinkHint(
        latencyMs: link.currentPeriod.latencyMs, bandwidthKbps: link.currentPeriod.bandwidthKbps)
      switch core.nextAction(nowMs: link.networkTimeMs, hint: hint) {
      case .finish: return core.finish(nowMs: link.networkTimeMs, trace: trace)
      case .idle(let ms, let bufferFull):
        link.idle(durationMs: ms)
        core.didIdle(nowMs: link.networkTimeMs, ms: ms, bufferFull: bufferFull)
        streaming = false
      case .open(let track, let frame):
        open(&core, link: &link, track: track, frame: frame, closingStreaming: streaming)
        streaming = false
        continuation.restart()
      case .continuationFrame(let track, let frame):
        streaming = true
        let bits = core.content.chunkBits(track: track, frame: frame)
        guard
          let transferMs = continuation.deliver(
            pieceBits: bits,
            nextPieceReady: frame + 1 < core.content.frameCount
              && core.availableMs(frame + 1) <= link.networkTimeMs, on: &link)
        else {
          core.fail()
          continue
        }
        core.didReceiveContinuationFrame(
          nowMs: link.networkTimeMs, bits: bits, transferMs: transferMs)
      case .unit(let track, let start, let end):
        fetch(&core, link: &link, track: track, from: start, to: end)
      }
    }
  }

  /// Fetches init packet `frame` of `track` (after its production) and reopens the continuation
  /// at `frame + 1`: without the offsets, its request leaves with the init packet's first bytes
  /// (its `initdata`), so its data comes one round trip after the init packet's.
  /// `closingStreaming`: the continuation it closes was streaming, so with
  /// `cancelledQueueRoundTrips` its queued data crosses the link before the init packet's first
  /// byte (part of the init packet's latency, as a real player measures it).
  static func open<Core: ProtocolDecisions>(
    _ core: inout Core, link: inout TraceLink, track: Int, frame: Int, closingStreaming: Bool
  ) {
    while core.availableMs(frame) > link.networkTimeMs {
      let step = core.idleStep(core.availableMs(frame) - link.networkTimeMs)
      link.idle(durationMs: step)
      core.didIdle(nowMs: link.networkTimeMs, ms: step, bufferFull: false)
    }
    let requestMs = link.networkTimeMs
    // Bits the closed continuation still has queued: kbit/s x ms = bits.
    let queuedBits =
      closingStreaming
      ? core.options.cancelledQueueRoundTrips * link.currentPeriod.bandwidthKbps
        * link.currentPeriod.latencyMs : 0
    var latencyMs = link.latencyDelay(units: 1)
    if queuedBits > 0 {
      guard let drainMs = link.transfer(sizeBits: queuedBits) else {
        core.fail()
        return
      }
      latencyMs += drainMs
    }
    let bits = core.content.initBits(track: track, frame: frame)
    // On a packet link the init packet's first bytes are seen with its first packet: a real
    // player's time to first byte includes it, and the continuation request leaves then.
    let packetBits = Double(core.options.packetPayloadBytes) * 8
    let firstPacketMs =
      packetBits > 0 ? min(bits, packetBits) / link.currentPeriod.bandwidthKbps : 0
    guard let transferMs = link.transfer(sizeBits: bits) else {
      core.fail()
      return
    }
    let firstByteMs = min(firstPacketMs, transferMs)
    core.didReceiveInitPacket(
      nowMs: link.networkTimeMs, track: track, frame: frame, bits: bits,
      transferMs: transferMs - firstByteMs, latencyMs: latencyMs + firstByteMs)
    if !core.options.hespKnowsContinuationOffsets {
      let continuationFirstByteMs =
        requestMs + latencyMs + firstByteMs + link.currentPeriod.latencyMs
      if continuationFirstByteMs > link.networkTimeMs {
        link.idle(durationMs: continuationFirstByteMs - link.networkTimeMs)
      }
    }
    core.didOpenContinuation(
      nowMs: link.networkTimeMs, initArrivalMs: requestMs + latencyMs + transferMs)
  }

  /// Requests frames `start..<end` of `track` as one unit: one latency, then `ll-dash` chunk by
  /// chunk as produced, the others the whole unit once complete.
  static func fetch<Core: ProtocolDecisions>(
    _ core: inout Core, link: inout TraceLink, track: Int, from start: Int, to end: Int
  ) {
    let latencyMs = link.latencyDelay(units: 1)
    var bits = 0.0
    var transferMs = 0.0
    if core.streamingProtocol == .llDASH {
      var response = PacketizedResponse(packetPayloadBytes: core.options.packetPayloadBytes)
      for frame in start..<end {
        if core.availableMs(frame) > link.networkTimeMs {
          link.idle(durationMs: core.availableMs(frame) - link.networkTimeMs)
        }
        let chunk = core.content.chunkBits(track: track, frame: frame)
        guard
          let time = response.deliver(
            pieceBits: chunk,
            nextPieceReady: frame + 1 < end && core.availableMs(frame + 1) <= link.networkTimeMs,
            on: &link)
        else {
          core.fail()
          return
        }
        bits += chunk
        transferMs += time
        core.didReceiveUnitFrame(nowMs: link.networkTimeMs, frame: frame)
      }
    } else {
      let availableAt = core.availableMs(end - 1)
      if availableAt > link.networkTimeMs {
        link.idle(durationMs: availableAt - link.networkTimeMs)
      }
      for frame in start..<end { bits += core.content.chunkBits(track: track, frame: frame) }
      guard let time = link.transfer(sizeBits: bits) else {
        core.fail()
        return
      }
      transferMs = time
      core.didReceiveUnit(nowMs: link.networkTimeMs)
    }
    core.didFinishUnit(
      nowMs: link.networkTimeMs, bits: bits, transferMs: transferMs, latencyMs: latencyMs)
  }
}
