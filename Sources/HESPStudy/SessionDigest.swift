import HESPCore
import HESPProtocols

/// What the aggregates need of one session, a few hundred bytes where the session's full result
/// (switches, quality steps, stalls, buffer samples) is kept only until it is written out: the
/// study's memory grows with its switch count, not with its session count x session length.
public struct SessionDigest: Sendable, Equatable, Codable {
  public struct Switch: Sendable, Equatable, Codable {
    public var isUp: Bool
    /// Decision to continuous playback; nil when never displayed.
    public var latencyMs: Double?
    public var firstFrameLatencyMs: Double?
    public var ratioToBound: Double?
  }

  public var variant: String
  public var traceName: String
  public var protocolName: String
  public var abrName: String
  public var switches: [Switch]
  public var startupMs: Double?
  public var sessionMs: Double
  public var rebufferMs: Double
  public var rebufferEvents: Int
  public var completed: Bool
  public var framesPlayed: Int
  public var reactionMs: Double?
  public var playedBitrateKbps: Double
  public var splicedFramesPlayed: Int
  public var liveLatencyP50Ms: Double?
  public var effectiveTargetLatencyMs: Double?
  public var initPacketByteCount: Int
  public var wastedByteCount: Int
  public var downloadedByteCount: Int

  public init(_ r: ProtocolSessionResult) {
    variant = r.variantName
    traceName = r.traceName
    protocolName = r.protocolName
    abrName = r.abrName
    switches = r.switches.map {
      Switch(
        isUp: $0.isUp, latencyMs: $0.latencyMs, firstFrameLatencyMs: $0.firstFrameLatencyMs,
        ratioToBound: $0.ratioToBound)
    }
    startupMs = r.startupMs
    sessionMs = r.sessionMs
    rebufferMs = r.rebufferMs
    rebufferEvents = r.rebufferEvents
    completed = r.completed
    framesPlayed = r.framesPlayed
    reactionMs = r.reactionMs
    playedBitrateKbps = r.playedBitrateKbps
    splicedFramesPlayed = r.splicedFramesPlayed
    liveLatencyP50Ms = r.liveLatency?.p50Ms
    effectiveTargetLatencyMs = r.effectiveTargetLatencyMs
    initPacketByteCount = r.initPacketByteCount
    wastedByteCount = r.wastedByteCount
    downloadedByteCount = r.downloadedByteCount
  }

  /// Latencies of the displayed switches.
  public var switchLatenciesMs: [Double] { switches.compactMap(\.latencyMs) }
}
