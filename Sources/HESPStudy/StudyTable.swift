import Foundation
import HESPProtocols

/// The printed comparison: two tables of one row per protocol x ABR (x variant, in a sweep),
/// each under 100 columns for a single variant.
/// Switch latency runs from the ABR's decision to continuous playback of the new track; `95% CI`
/// is the cluster-bootstrap interval of p50 over traces; `sess p50` the median of the sessions'
/// medians; `inc` counts incomplete sessions.
enum StudyTable {
  static let switchHeader = [
    "protocol", "abr", "sess", "inc", "sw", "up", "down", "p50 ms", "95% CI", "sess p50", "up p50",
    "down p50",
  ]
  static let playbackHeader = [
    "protocol", "abr", "startup", "stall %", "rebuf s", "kbit/s", "live ms", "init KB", "waste KB",
    "p50/bnd",
  ]

  /// `hesp · bola`, or `pkg rtt=100ms · hesp · bola` in a sweep.
  static func label(_ row: StudyAggregate, variants: Int) -> String {
    (variants > 1 ? "\(row.variant) · " : "") + "\(row.protocolName) · \(row.abrName)"
  }

  static func switchCells(_ row: StudyAggregate) -> [String] {
    let f = StudyFormat.number
    let s = row.switchLatency
    return [
      row.protocolName, row.abrName, String(row.sessionCount), String(row.incompleteSessions),
      String(row.switchCount),
      String(row.upSwitchCount), String(row.downSwitchCount), f(s?.p50Ms, 0),
      StudyFormat.interval(s?.p50CI95Ms),
      f(s?.sessionMedianP50Ms, 0), f(row.upSwitchLatency?.p50Ms, 0),
      f(row.downSwitchLatency?.p50Ms, 0),
    ]
  }

  static func playbackCells(_ row: StudyAggregate) -> [String] {
    let f = StudyFormat.number
    return [
      row.protocolName, row.abrName, f(row.startup?.p50Ms, 0),
      f(row.stallRatio.map { $0 * 100 }, 1),
      f(row.meanRebufferMs.map { $0 / 1000 }, 1), f(row.meanBitrateKbps, 0),
      f(row.liveLatency?.p50Ms, 0),
      f(row.meanInitPacketBytes / 1000, 0), f(row.meanWastedBytes / 1000, 0),
      f(row.medianRatioToBound, 2),
    ]
  }

  /// Both tables, fixed width, separated by a blank line; a sweep adds a leading variant column.
  static func render(_ rows: [StudyAggregate], variants: Int = 1) -> String {
    func with(_ header: [String], _ cells: (StudyAggregate) -> [String]) -> String {
      variants > 1
        ? grid(["variant"] + header, rows.map { [$0.variant] + cells($0) }, textColumns: 3)
        : grid(header, rows.map(cells), textColumns: 2)
    }
    return [
      "Switch latency, decision to continuous playback (ms):",
      with(switchHeader, switchCells),
      "",
      "Playback (startup p50 ms to continuous playback; per-session means):",
      with(playbackHeader, playbackCells),
    ].joined(separator: "\n")
  }

  /// Left-aligned names, right-aligned numbers, a rule under the header.
  static func grid(_ header: [String], _ body: [[String]], textColumns: Int) -> String {
    let all = [header] + body
    let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
    func line(_ row: [String]) -> String {
      row.enumerated().map { column, text in
        column < textColumns
          ? text.padding(toLength: widths[column], withPad: " ", startingAt: 0)
          : String(repeating: " ", count: widths[column] - text.count) + text
      }.joined(separator: "  ")
    }
    let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
    return ([line(header), rule] + body.map(line)).joined(separator: "\n")
  }

}
