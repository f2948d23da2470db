import HESPProtocols

/// The printed comparison table: one row per protocol x ABR, then per protocol pooled.
enum StudyTable {
  static let header = [
    "protocol", "abr", "sessions", "switches", "sw p50 ms", "sw p90 ms", "sw mean ms", "sw tm90 ms", "p50/bound",
    "startup ms", "rebuffer ms", "bitrate kb/s", "live lat ms", "init KB", "wasted KB", "spliced fr",
  ]

  static func cells(_ row: StudyAggregate) -> [String] {
    let f = StudyFormat.number
    return [
      row.protocolName, row.abrName, String(row.sessionCount), String(row.switchLatency?.count ?? 0),
      f(row.switchLatency?.p50Ms, 0), f(row.switchLatency?.p90Ms, 0), f(row.switchLatency?.meanMs, 0),
      f(row.switchLatency?.tm90Ms, 0), f(row.medianRatioToBound, 2), f(row.startup?.meanMs, 0),
      f(row.meanRebufferMs, 0), f(row.meanBitrateKbps, 0), f(row.liveLatency?.p50Ms, 0),
      f(row.meanInitPacketBytes / 1000, 0), f(row.meanWastedBytes / 1000, 0), f(row.meanSplicedFrames, 0),
    ]
  }

  /// Fixed-width text with a rule under the header and before the pooled rows.
  static func render(pooled: [StudyAggregate], byABR: [StudyAggregate]) -> String {
    let body = byABR.map(cells)
    let tail = pooled.map(cells)
    let all = [header] + body + tail
    let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
    func line(_ row: [String]) -> String {
      row.enumerated().map { column, text in
        column < 2 ? text.padding(toLength: widths[column], withPad: " ", startingAt: 0)
          : String(repeating: " ", count: widths[column] - text.count) + text
      }.joined(separator: "  ")
    }
    let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
    return ([line(header), rule] + body.map(line) + [rule] + tail.map(line)).joined(separator: "\n")
  }

  /// The same table in Markdown (for docs).
  static func markdown(pooled: [StudyAggregate], byABR: [StudyAggregate]) -> String {
    let rows = (byABR + pooled).map(cells)
    return ([header, header.map { _ in "---" }] + rows).map { "| " + $0.joined(separator: " | ") + " |" }
      .joined(separator: "\n")
  }
}
