import HESPTraces

/// A `ProtocolCore` whatever its ABR type: the interface a transport drives (the simulator's
/// `FrameSimulationSession` uses the concrete generic type; the real player holds this existential,
/// built by `FrameSimulation.makeDecisions`, the same function that picks the simulator's ABR).
public protocol ProtocolDecisions: Sendable {
  var content: ProtocolContent { get }
  var streamingProtocol: StreamingProtocol { get }
  var options: ProtocolOptions { get }
  var unitFrames: Int { get }
  var maximumSessionMs: Double { get }
  var nowMs: Double { get }
  var quality: Int { get }
  var nextFrame: Int { get }
  var nextToPlay: Int { get }
  var bufferLevelMs: Double { get }
  var switches: [ProtocolSwitch] { get }
  func availableMs(_ frame: Int) -> Double
  func idleStep(_ durationMs: Double) -> Double
  mutating func nextAction(nowMs: Double, hint: LinkHint) -> ProtocolAction
  mutating func didIdle(nowMs: Double, ms: Double, bufferFull: Bool)
  mutating func advance(nowMs: Double)
  mutating func didReceiveInitPacket(
    nowMs: Double, track: Int, frame: Int, bits: Double, transferMs: Double, latencyMs: Double)
  mutating func didOpenContinuation(nowMs: Double, initArrivalMs: Double)
  mutating func didReceiveContinuationFrame(nowMs: Double, bits: Double, transferMs: Double)
  mutating func didReceiveUnitFrame(nowMs: Double, frame: Int)
  mutating func didReceiveUnit(nowMs: Double)
  mutating func didFinishUnit(nowMs: Double, bits: Double, transferMs: Double, latencyMs: Double)
  mutating func fail()
  mutating func finish(nowMs: Double, trace: NetworkTrace?) -> ProtocolSessionResult
}

extension ProtocolCore: ProtocolDecisions {}
