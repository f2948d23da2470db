import Foundation
import HESPCore
import HESPTraces

/// One line of `hesp trace stats`: a file and its statistics, printable as a table or JSON.
struct TraceStatsRow: Encodable {
  var file: String
  var format: TraceFormat
  var statistics: TraceStatistics

  enum CodingKeys: String, CodingKey {
    case file, format, durationMs, periodCount, meanKbps, p10Kbps, medianKbps, p90Kbps, minKbps,
      maxKbps, meanLatencyMs
  }

  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(file, forKey: .file)
    try c.encode(format.rawValue, forKey: .format)
    try c.encode(statistics.durationMs, forKey: .durationMs)
    try c.encode(statistics.periodCount, forKey: .periodCount)
    try c.encode(statistics.meanKbps, forKey: .meanKbps)
    try c.encode(statistics.p10Kbps, forKey: .p10Kbps)
    try c.encode(statistics.medianKbps, forKey: .medianKbps)
    try c.encode(statistics.p90Kbps, forKey: .p90Kbps)
    try c.encode(statistics.minKbps, forKey: .minKbps)
    try c.encode(statistics.maxKbps, forKey: .maxKbps)
    try c.encode(statistics.meanLatencyMs, forKey: .meanLatencyMs)
  }

  static func json(_ rows: [TraceStatsRow]) throws -> String {
    String(decoding: try CanonicalJSON.data(rows, newline: true), as: UTF8.self)
  }

  /// A fixed-width table; bandwidths in Mbit/s with 3 decimals, duration in seconds.
  static func table(_ rows: [TraceStatsRow]) -> String {
    let header = [
      "file", "format", "duration_s", "periods", "mean_Mbps", "p10_Mbps", "median_Mbps", "p90_Mbps",
      "min_Mbps", "max_Mbps", "latency_ms",
    ]
    let body = rows.map { row -> [String] in
      let s = row.statistics
      func mbps(_ kbps: Double) -> String { String(format: "%.3f", kbps / 1000) }
      return [
        row.file, row.format.rawValue, String(format: "%.3f", s.durationMs / 1000),
        String(s.periodCount),
        mbps(s.meanKbps), mbps(s.p10Kbps), mbps(s.medianKbps), mbps(s.p90Kbps), mbps(s.minKbps),
        mbps(s.maxKbps),
        String(format: "%.1f", s.meanLatencyMs),
      ]
    }
    let all = [header] + body
    let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
    return all.map { cells in
      cells.enumerated().map { column, cell in
        let pad = String(repeating: " ", count: widths[column] - cell.count)
        return column < 2 ? cell + pad : pad + cell
      }.joined(separator: "  ").replacingOccurrences(
        of: "\\s+$", with: "", options: .regularExpression)
    }.joined(separator: "\n") + "\n"
  }
}
