import HESPCore
import HESPProtocols

/// summary.json: the settings every number depends on, and one row per variant x protocol x ABR.
struct StudySummary: Codable {
  var title: String
  var live: Bool
  var targetLatencyMs: Double?
  var catchupRate: Double?
  var replacement: String
  var decisionIntervalMs: Double
  var settleWindowMs: Double
  var hespKnowsContinuationOffsets: Bool
  /// Present when set (`ProtocolOptions.cancelledQueueRoundTrips`).
  var cancelledQueueRoundTrips: Double?
  /// Present when set (`ProtocolOptions.packetPayloadBytes`).
  var packetPayloadBytes: Int?
  var bootstrap: ClusterBootstrap
  var sizes: [String]
  var traces: [String]
  var variants: [String]
  var byABR: [StudyAggregate]

  init(header: StudyHeader, rows: [StudyAggregate]) {
    let o = header.options
    title = header.title
    live = o.live
    targetLatencyMs = o.live ? o.targetLatencyMs : nil
    catchupRate = o.live ? o.catchupRate : nil
    replacement = o.replacement.rawValue
    decisionIntervalMs = o.decisionIntervalMs
    settleWindowMs = o.settleWindowMs
    hespKnowsContinuationOffsets = o.hespKnowsContinuationOffsets
    cancelledQueueRoundTrips = o.cancelledQueueRoundTrips > 0 ? o.cancelledQueueRoundTrips : nil
    packetPayloadBytes = o.packetPayloadBytes > 0 ? o.packetPayloadBytes : nil
    bootstrap = header.bootstrap
    sizes = header.sizeNotes
    traces = header.traces.map(\.name)
    variants = header.variants.map(\.name)
    byABR = rows
  }
}
