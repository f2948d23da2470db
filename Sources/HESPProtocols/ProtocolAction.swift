/// What a protocol session asks its transport to do next (`ProtocolCore.nextAction`). The
/// simulator carries it out on a `TraceLink` (`FrameSimulationSession`), the real player over HTTP
/// (`HESPPlayer`); both then report what happened through the core's `did...` methods, so every
/// decision (which frame or unit to fetch, when and where to switch, what to replace, when to
/// wait) is the core's, made once for both.
public enum ProtocolAction: Sendable, Equatable {
  /// Let `ms` pass with nothing requested (at most one decision interval), then call
  /// `didIdle(nowMs:ms:bufferFull:)`. `bufferFull`: the wait is for room in a full buffer (the
  /// ABR hears of it); otherwise it is a wait for a decision time or for live production.
  case idle(ms: Double, bufferFull: Bool)
  /// `hesp`: fetch init packet `frame` of `track` (after waiting for its production, in live),
  /// then open the continuation of `track` from frame `frame + 1`, closing the one in flight.
  /// Report with `didReceiveInitPacket` and `didOpenContinuation`.
  case open(track: Int, frame: Int)
  /// `hesp`: the next frame of the open continuation (`frame` of `track`); report with
  /// `didReceiveContinuationFrame`.
  case continuationFrame(track: Int, frame: Int)
  /// `dash`, `ll-dash`, `ll-hls`: request frames `start..<end` of `track` as one unit (a segment
  /// or a part). Report its frames with `didReceiveUnitFrame` (`ll-dash`, frame by frame as they
  /// arrive) or `didReceiveUnit` (whole), then `didFinishUnit`.
  case unit(track: Int, start: Int, end: Int)
  /// The session is over; `finish(nowMs:trace:)` gives the result.
  case finish
}

/// What the transport knows of the link before any throughput sample: the simulator passes the
/// trace's current period, a real player what it has measured so far (or nothing).
public struct LinkHint: Sendable, Equatable {
  public var latencyMs: Double
  public var bandwidthKbps: Double

  public init(latencyMs: Double, bandwidthKbps: Double) {
    self.latencyMs = latencyMs
    self.bandwidthKbps = bandwidthKbps
  }
}
