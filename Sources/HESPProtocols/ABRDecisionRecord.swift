import Foundation
import HESPCore

/// One ABR decision of a session and what it was made from (`ProtocolOptions.recordsDecisions`):
/// the inputs the core gave the ABR and the quality it asked for. The simulator and the real
/// player record the same fields at the same points of the same core, so a simulated and a
/// played session can be compared decision by decision (`decisions.csv`).
public struct ABRDecisionRecord: Sendable, Equatable, Codable {
  /// Session time of the decision.
  public var timeMs: Double
  /// The buffer level the ABR saw (media being replaced counts as buffered).
  public var bufferLevelMs: Double
  /// The throughput and latency estimates it saw (nil: no sample yet).
  public var throughputKbps: Double?
  public var latencyMs: Double?
  /// The quality playing (being fetched) and the one the ABR asked for.
  public var quality: Int
  public var wantedQuality: Int

  public init(
    timeMs: Double, bufferLevelMs: Double, throughputKbps: Double?, latencyMs: Double?,
    quality: Int, wantedQuality: Int
  ) {
    self.timeMs = timeMs
    self.bufferLevelMs = bufferLevelMs
    self.throughputKbps = throughputKbps
    self.latencyMs = latencyMs
    self.quality = quality
    self.wantedQuality = wantedQuality
  }

  /// The header of `decisions.csv`.
  public static let csvHeader =
    "time_ms,buffer_ms,throughput_kbps,latency_ms,quality,wanted_quality"

  /// `decisions.csv`: one row per decision, times to the µs.
  public static func csv(_ records: [ABRDecisionRecord]) -> String {
    func number(_ value: Double?) -> String {
      guard let value else { return "-" }
      return String(format: "%.3f", value)
    }
    var text = csvHeader + "\n"
    for record in records {
      text +=
        CSV.row([
          number(record.timeMs), number(record.bufferLevelMs), number(record.throughputKbps),
          number(record.latencyMs), String(record.quality), String(record.wantedQuality),
        ]) + "\n"
    }
    return text
  }
}
