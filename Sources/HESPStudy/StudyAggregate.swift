import HESPCore
import HESPProtocols

/// The sessions of one variant x protocol x ABR, summarized for the tables, summary.json and the
/// report. Playback means are over the sessions that played; incomplete sessions (time limit
/// reached, or nothing ever shown) are counted and flagged, and count fully in the stall ratio.
public struct StudyAggregate: Sendable, Codable, Equatable {
  public var variant: String
  public var protocolName: String
  public var abrName: String
  public var sessionCount: Int
  /// Sessions stopped by the time limit or that never showed a frame.
  public var incompleteSessions: Int
  /// Live: the target this protocol played at (the requested one, or its floor when higher).
  public var effectiveTargetLatencyMs: Double?
  /// Displayed switches, and how many of them went up and down.
  public var switchCount: Int
  public var upSwitchCount: Int
  public var downSwitchCount: Int
  /// Decision to continuous playback of the new track, every switch.
  public var switchLatency: LatencyStatistics?
  public var upSwitchLatency: LatencyStatistics?
  public var downSwitchLatency: LatencyStatistics?
  /// Decision to the first frame of the new track (before any freeze that follows it).
  public var switchFirstFrameLatency: LatencyStatistics?
  /// HESP: median over all switches of latency / physical bound.
  public var medianRatioToBound: Double?
  /// Session start to continuous playback.
  public var startup: LatencyStatistics?
  /// (startup + rebuffering) / session time, over all sessions' time (a session that never
  /// played counts as stalled throughout).
  public var stallRatio: Double?
  public var meanReactionMs: Double?
  public var meanRebufferMs: Double?
  public var meanRebufferEvents: Double?
  public var meanBitrateKbps: Double?
  /// Median over the sessions of each session's median live latency.
  public var liveLatency: LatencyStatistics?
  public var meanInitPacketBytes: Double
  public var meanWastedBytes: Double
  public var meanDownloadedBytes: Double
  public var meanSplicedFrames: Double?

  init(
    variant: String, protocolName: String, abrName: String, sessions: [SessionDigest],
    bootstrap: ClusterBootstrap
  ) {
    self.variant = variant
    self.protocolName = protocolName
    self.abrName = abrName
    sessionCount = sessions.count
    incompleteSessions = sessions.filter { !$0.completed }.count
    effectiveTargetLatencyMs = sessions.first?.effectiveTargetLatencyMs
    let displayed = sessions.flatMap { $0.switches.filter { $0.latencyMs != nil } }
    switchCount = displayed.count
    upSwitchCount = displayed.filter(\.isUp).count
    downSwitchCount = switchCount - upSwitchCount
    func statistics(_ samples: (SessionDigest) -> [Double]) -> LatencyStatistics? {
      LatencyStatistics(
        sessions: sessions.map { ($0.traceName, samples($0)) }, bootstrap: bootstrap)
    }
    switchLatency = statistics(\.switchLatenciesMs)
    upSwitchLatency = statistics { $0.switches.filter(\.isUp).compactMap(\.latencyMs) }
    downSwitchLatency = statistics { $0.switches.filter { !$0.isUp }.compactMap(\.latencyMs) }
    switchFirstFrameLatency = statistics { $0.switches.compactMap(\.firstFrameLatencyMs) }
    let ratios = sessions.flatMap { $0.switches.compactMap(\.ratioToBound) }.sorted()
    medianRatioToBound = ratios.isEmpty ? nil : LatencySummary.percentile(sorted: ratios, 50)
    startup = statistics { $0.startupMs.map { [$0] } ?? [] }
    let totalMs = sessions.reduce(0) { $0 + $1.sessionMs }
    let stalledMs = sessions.reduce(0) { $0 + ($1.startupMs ?? $1.sessionMs) + $1.rebufferMs }
    stallRatio = totalMs > 0 ? stalledMs / totalMs : nil
    let played = sessions.filter { $0.framesPlayed > 0 }
    func mean(_ value: (SessionDigest) -> Double) -> Double? {
      played.isEmpty ? nil : played.map(value).reduce(0, +) / Double(played.count)
    }
    let reactions = played.compactMap(\.reactionMs)
    meanReactionMs = reactions.isEmpty ? nil : reactions.reduce(0, +) / Double(reactions.count)
    meanRebufferMs = mean(\.rebufferMs)
    meanRebufferEvents = mean { Double($0.rebufferEvents) }
    meanBitrateKbps = mean(\.playedBitrateKbps)
    meanSplicedFrames = mean { Double($0.splicedFramesPlayed) }
    liveLatency = statistics { $0.liveLatencyP50Ms.map { [$0] } ?? [] }
    let n = Double(max(1, sessions.count))
    meanInitPacketBytes = sessions.reduce(0) { $0 + Double($1.initPacketByteCount) } / n
    meanWastedBytes = sessions.reduce(0) { $0 + Double($1.wastedByteCount) } / n
    meanDownloadedBytes = sessions.reduce(0) { $0 + Double($1.downloadedByteCount) } / n
  }
}
