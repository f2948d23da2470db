import HESPABR
import HESPCore
import HESPSimulator
import HESPTraces

/// One simulated session of one protocol over a trace-replay link (`TraceLink`, Sabre's
/// arithmetic) with one ABR, at frame granularity: the transport of a `ProtocolCore`, which
/// makes every decision. `dash`, `ll-dash` and `ll-hls` fetch request units (segments, parts)
/// with one latency each; `hesp` keeps one long-lived continuation transfer (latency charged per
/// (re)open, frames flow as the link delivers them, in live never before their production) and
/// switches through init packets. The session clock is the link's network time.
struct ProtocolSession<Algorithm: ABRAlgorithm> {
  let trace: NetworkTrace
  var core: ProtocolCore<Algorithm>
  var link: TraceLink

  init(
    content: ProtocolContent, trace: NetworkTrace, streamingProtocol: StreamingProtocol,
    algorithm: Algorithm, options: ProtocolOptions
  ) {
    self.trace = trace
    core = ProtocolCore(content: content, streamingProtocol: streamingProtocol, algorithm: algorithm, options: options)
    link = TraceLink(trace: trace, recordsEnteredPeriods: false)
    link.timeLimitMs = core.maximumSessionMs
  }

  var nowMs: Double { link.networkTimeMs }
  var abrState: Algorithm.State { core.abrState }
  var content: ProtocolContent { core.content }

  /// What the link tells the core before any sample: the current period.
  var hint: LinkHint { LinkHint(latencyMs: link.currentPeriod.latencyMs, bandwidthKbps: link.currentPeriod.bandwidthKbps) }

  /// Runs the session to its end.
  mutating func run() -> ProtocolSessionResult {
    while true {
      switch core.nextAction(nowMs: nowMs, hint: hint) {
      case .finish: return core.finish(nowMs: nowMs, trace: trace)
      case .idle(let ms, let bufferFull):
        link.idle(durationMs: ms)
        core.didIdle(nowMs: nowMs, ms: ms, bufferFull: bufferFull)
      case .open(let track, let frame): open(track: track, frame: frame)
      case .continuationFrame(let track, let frame):
        let bits = content.chunkBits(track: track, frame: frame)
        guard let transferMs = link.transfer(sizeBits: bits) else {
          core.fail()
          continue
        }
        core.didReceiveContinuationFrame(nowMs: nowMs, bits: bits, transferMs: transferMs)
      case .unit(let track, let start, let end): fetch(track: track, from: start, to: end)
      }
    }
  }

  /// Fetches init packet `frame` of `track` (after its production) and reopens the continuation
  /// at `frame + 1`: without the offsets, its request leaves with the init packet's first bytes
  /// (its `initdata`), so its data comes one round trip after the init packet's.
  mutating func open(track: Int, frame: Int) {
    while core.availableMs(frame) > nowMs {
      let step = core.idleStep(core.availableMs(frame) - nowMs)
      link.idle(durationMs: step)
      core.didIdle(nowMs: nowMs, ms: step, bufferFull: false)
    }
    let requestMs = nowMs
    let latencyMs = link.latencyDelay(units: 1)
    let bits = content.initBits(track: track, frame: frame)
    guard let transferMs = link.transfer(sizeBits: bits) else {
      core.fail()
      return
    }
    core.didReceiveInitPacket(
      nowMs: nowMs, track: track, frame: frame, bits: bits, transferMs: transferMs, latencyMs: latencyMs)
    if !core.options.hespKnowsContinuationOffsets {
      let continuationFirstByteMs = requestMs + latencyMs + link.currentPeriod.latencyMs
      if continuationFirstByteMs > nowMs { link.idle(durationMs: continuationFirstByteMs - nowMs) }
    }
    core.didOpenContinuation(nowMs: nowMs, initArrivalMs: requestMs + latencyMs + transferMs)
  }

  /// Requests frames `start..<end` of `track` as one unit: one latency, then `ll-dash` chunk by
  /// chunk as produced, the others the whole unit once complete.
  mutating func fetch(track: Int, from start: Int, to end: Int) {
    let latencyMs = link.latencyDelay(units: 1)
    var bits = 0.0
    var transferMs = 0.0
    if core.streamingProtocol == .llDASH {
      for frame in start..<end {
        if core.availableMs(frame) > nowMs { link.idle(durationMs: core.availableMs(frame) - nowMs) }
        let chunk = content.chunkBits(track: track, frame: frame)
        guard let time = link.transfer(sizeBits: chunk) else {
          core.fail()
          return
        }
        bits += chunk
        transferMs += time
        core.didReceiveUnitFrame(nowMs: nowMs, frame: frame)
      }
    } else {
      let availableAt = core.availableMs(end - 1)
      if availableAt > nowMs { link.idle(durationMs: availableAt - nowMs) }
      for frame in start..<end { bits += content.chunkBits(track: track, frame: frame) }
      guard let time = link.transfer(sizeBits: bits) else {
        core.fail()
        return
      }
      transferMs = time
      core.didReceiveUnit(nowMs: nowMs)
    }
    core.didFinishUnit(nowMs: nowMs, bits: bits, transferMs: transferMs, latencyMs: latencyMs)
  }
}
