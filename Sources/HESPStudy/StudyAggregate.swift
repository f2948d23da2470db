import HESPCore
import HESPProtocols

/// The sessions of one protocol (and one ABR, or all ABRs pooled), summarized for the table.
public struct StudyAggregate: Sendable, Codable, Equatable {
  public var protocolName: String
  /// The ABR, or `all` when pooled.
  public var abrName: String
  public var sessionCount: Int
  public var switchLatency: LatencySummary?
  /// HESP: median over all switches of latency / physical bound.
  public var medianRatioToBound: Double?
  public var startup: LatencySummary?
  public var meanReactionMs: Double?
  public var meanRebufferMs: Double
  public var meanRebufferEvents: Double
  public var meanBitrateKbps: Double
  public var liveLatency: LatencySummary?
  public var meanInitPacketBytes: Double
  public var meanWastedBytes: Double
  public var meanDownloadedBytes: Double
  public var meanSplicedFrames: Double
  public var incompleteSessions: Int

  public init(protocolName: String, abrName: String, results: [ProtocolSessionResult]) {
    self.protocolName = protocolName
    self.abrName = abrName
    sessionCount = results.count
    let n = Double(max(1, results.count))
    func mean(_ value: (ProtocolSessionResult) -> Double) -> Double { results.map(value).reduce(0, +) / n }
    switchLatency = LatencySummary(samplesMs: results.flatMap(\.switchLatenciesMs))
    let ratios = results.flatMap { $0.switches.compactMap(\.ratioToBound) }.sorted()
    medianRatioToBound = ratios.isEmpty ? nil : LatencySummary.percentile(sorted: ratios, 50)
    startup = LatencySummary(samplesMs: results.compactMap(\.startupMs))
    let reactions = results.compactMap(\.reactionMs)
    meanReactionMs = reactions.isEmpty ? nil : reactions.reduce(0, +) / Double(reactions.count)
    meanRebufferMs = mean(\.rebufferMs)
    meanRebufferEvents = mean { Double($0.rebufferEvents) }
    meanBitrateKbps = mean(\.playedBitrateKbps)
    // Live latency over every displayed frame is not kept; pool the per-session medians.
    liveLatency = LatencySummary(samplesMs: results.compactMap { $0.liveLatency?.p50Ms })
    meanInitPacketBytes = mean { Double($0.initPacketByteCount) }
    meanWastedBytes = mean { Double($0.wastedByteCount) }
    meanDownloadedBytes = mean { Double($0.downloadedByteCount) }
    meanSplicedFrames = mean { Double($0.splicedFramesPlayed) }
    incompleteSessions = results.filter { !$0.completed }.count
  }

  /// Pooled per protocol, then per protocol x ABR, in plan order.
  static func make(results: [ProtocolSessionResult], plan: StudyPlan) -> (pooled: [StudyAggregate], byABR: [StudyAggregate]) {
    var pooled: [StudyAggregate] = []
    var byABR: [StudyAggregate] = []
    for proto in plan.protocols {
      let mine = results.filter { $0.protocolName == proto.rawValue }
      pooled.append(StudyAggregate(protocolName: proto.rawValue, abrName: "all", results: mine))
      for abr in plan.abrs {
        byABR.append(
          StudyAggregate(
            protocolName: proto.rawValue, abrName: abr.description,
            results: mine.filter { $0.abrName == abr.description }))
      }
    }
    return (pooled, byABR)
  }
}
