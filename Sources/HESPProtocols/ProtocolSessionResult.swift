import HESPCore

/// What one protocol session measured (DESIGN.md §4.5). Times in ms, bitrates in kbit/s.
public struct ProtocolSessionResult: Sendable, Equatable, Codable {
  public var protocolName: String
  public var abrName: String
  public var traceName: String
  /// The study variant (package and link override) the session belongs to; empty outside a study.
  public var variantName = ""
  public var live: Bool
  /// Which sizes the protocol was simulated on (`hesp package (GOP 10 s)`, `baseline ...`).
  public var sizesSource: String
  /// Live: the target latency playback aimed at (the requested one, or the protocol's floor
  /// when higher, `ProtocolLatencyFloor`); nil in VoD.
  public var effectiveTargetLatencyMs: Double?
  /// Session start to continuous playback: the display of the frame after the last freeze within
  /// the settle window after the first frame (= `firstFrameMs` without one); nil if nothing was
  /// displayed.
  public var startupMs: Double?
  /// Session start to the first displayed frame.
  public var firstFrameMs: Double?
  public var switches: [ProtocolSwitch]
  /// Summary of the displayed switches' latencies (nil without any).
  public var switchLatency: LatencySummary?
  /// HESP: median of the switches' latency / physical bound.
  public var medianRatioToBound: Double?
  /// Mean time from a change of the network-sustainable quality until a frame at that quality
  /// (or above after an up-step, at or below after a down-step) is displayed; nil without changes.
  public var reactionMs: Double?
  /// Freezes after the startup (a freeze within a switch's settle window counts here too).
  public var rebufferMs: Double
  public var rebufferEvents: Int
  /// Mean nominal bitrate of the displayed frames.
  public var playedBitrateKbps: Double
  public var qualityChanges: Int
  /// Live: latency (capture to display) over the displayed frames; nil in VoD.
  public var liveLatency: LatencySummary?
  public var downloadedByteCount: Int
  public var initPacketByteCount: Int
  /// Bytes downloaded but never displayed (replaced frames).
  public var wastedByteCount: Int
  /// Frames displayed while decoding from an init packet before the next continuation keyframe.
  public var splicedFramesPlayed: Int
  public var framesPlayed: Int
  /// Simulated session length (to the last displayed frame).
  public var sessionMs: Double
  /// False when the simulated time limit stopped the session or nothing was ever displayed.
  public var completed: Bool
  /// For the timeline: displayed quality steps, stalls and the trace's bandwidth steps.
  public var displayedQualitySteps: [QualityStep]
  public var stalls: [Stall]
  /// Media buffered ahead of the playhead, sampled every 6 displayed frames.
  public var bufferSamples: [BufferSample]
  /// Every ABR decision and its inputs, when the options asked for them (else nil: not written).
  public var decisions: [ABRDecisionRecord]? = nil

  public struct BufferSample: Sendable, Equatable, Codable {
    public var timeMs: Double
    public var levelMs: Double
  }

  public struct QualityStep: Sendable, Equatable, Codable {
    public var timeMs: Double
    public var quality: Int
  }

  public struct Stall: Sendable, Equatable, Codable {
    public var startMs: Double
    public var endMs: Double
  }

  /// Latencies of the displayed switches.
  public var switchLatenciesMs: [Double] { switches.compactMap(\.latencyMs) }

  /// (startup + rebuffering) / session time; nil for a session of zero length.
  public var stallRatio: Double? {
    guard sessionMs > 0 else { return nil }
    return ((startupMs ?? sessionMs) + rebufferMs) / sessionMs
  }
}
