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
struct FrameSimulationSession<Algorithm: ABRAlgorithm> {
  let trace: NetworkTrace
  var core: ProtocolCore<Algorithm>

  init(
    content: ProtocolContent, trace: NetworkTrace, streamingProtocol: StreamingProtocol,
    algorithm: Algorithm, options: ProtocolOptions
  ) {
    self.trace = trace
    core = ProtocolCore(
      content: content, streamingProtocol: streamingProtocol, algorithm: algorithm, options: options
    )
  }

  var abrState: Algorithm.State { core.abrState }

  /// Runs the session to its end.
  mutating func run() -> ProtocolSessionResult { SteppedTraceTransport.run(&core, trace: trace) }
}
