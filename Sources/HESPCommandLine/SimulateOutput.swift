import Foundation
import HESPABR
import HESPCore
import HESPSimulator
import HESPTraces

/// Text, JSON and CSV forms of simulation results.
enum SimulateOutput {
  /// The JSON document of one session (sorted keys: byte-identical for the same inputs).
  struct SessionDocument: Encodable {
    var trace: String
    var abr: String
    var movie: String
    var result: SessionResult
    var timeAveragePlayedBitrateKbps: Double
    var switchLatency: LatencySummary?
  }

  static func printSingle(
    _ outcome: SegmentSimulation.Outcome, trace: NamedTrace, choice: ABRChoice, movieName: String,
    json: Bool
  ) throws {
    if json {
      try printJSON(
        SessionDocument(
          trace: trace.name, abr: choice.description, movie: movieName, result: outcome.result,
          timeAveragePlayedBitrateKbps: outcome.result.timeAveragePlayedBitrateKbps,
          switchLatency: outcome.result.switchLatency))
      return
    }
    var text = ""
    for line in outcome.log { text += line + "\n" }
    for line in outcome.result.summaryLines { text += line + "\n" }
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  static func printBatchJSON(_ rows: [SimulateBatch.Row], movieName: String) throws {
    try printJSON(
      rows.map {
        SessionDocument(
          trace: $0.trace.name, abr: $0.choice.description, movie: movieName, result: $0.result,
          timeAveragePlayedBitrateKbps: $0.result.timeAveragePlayedBitrateKbps,
          switchLatency: $0.result.switchLatency)
      })
  }

  static func printJSON<T: Encodable>(_ value: T) throws {
    FileHandle.standardOutput.write(try CanonicalJSON.data(value, newline: true))
  }

  static let csvHeader =
    "trace,abr,time_average_played_bitrate_kbps,total_rebuffer_s,rebuffer_events,"
    + "total_bitrate_change_kbps,rampup_time_s,total_reaction_time_s,startup_time_s,switches,"
    + "mean_switch_latency_s,p90_switch_latency_s,total_play_time_s,completed"

  static func csvRow(_ row: SimulateBatch.Row) -> String {
    let r = row.result
    let latency = r.switchLatency
    let meanLatency = latency.map { f($0.meanMs / 1000) } ?? ""
    let p90Latency = latency.map { f($0.p90Ms / 1000) } ?? ""
    return CSV.row([
      row.trace.name, row.choice.description, f(r.timeAveragePlayedBitrateKbps),
      f(r.totalRebufferMs / 1000),
      String(r.rebufferEvents), f(r.totalBitrateChangeKbps), f(r.reportedRampupTimeMs / 1000),
      f(r.totalReactionTimeMs / 1000), r.startupMs.map { f($0 / 1000) } ?? "",
      String(r.switches.count), meanLatency, p90Latency,
      f(r.totalPlayTimeMs / 1000), r.completed ? "true" : "false",
    ])
  }

  static func writeCSV(_ rows: [SimulateBatch.Row], to path: String) throws {
    var text = csvHeader + "\n"
    for row in rows { text += csvRow(row) + "\n" }
    do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
      throw CommandFailure(
        "--csv \(path): cannot write (\(error.localizedDescription))",
        exitStatus: ExitStatus.failure)
    }
  }

  /// One line per ABR: means over the traces.
  /// One row per ABR, under 100 columns: mean bitrate (kbit/s), rebuffering, ramp-up, reaction
  /// and startup (seconds), sessions that stalled, mean switches, incomplete sessions (`inc`).
  static func printTable(_ rows: [SimulateBatch.Row], choices: [ABRChoice]) {
    var text =
      pad("abr", 14) + pad("sessions", 10) + pad("kbit/s", 9) + pad("rebuf s", 9)
      + pad("stalled", 9)
      + pad("ramp s", 8) + pad("react s", 9) + pad("start s", 9) + pad("switches", 10) + "inc\n"
    for choice in choices {
      let results = rows.filter { $0.choice == choice }.map(\.result)
      guard !results.isEmpty else { continue }
      let n = Double(results.count)
      func mean(_ value: (SessionResult) -> Double) -> Double {
        results.map(value).reduce(0, +) / n
      }
      text +=
        pad(choice.description, 14) + pad(String(results.count), 10)
        + pad(String(format: "%.1f", mean(\.timeAveragePlayedBitrateKbps)), 9)
        + pad(String(format: "%.3f", mean { $0.totalRebufferMs / 1000 }), 9)
        + pad(String(results.filter { $0.totalRebufferMs > 0 }.count), 9)
        + pad(String(format: "%.3f", mean { $0.reportedRampupTimeMs / 1000 }), 8)
        + pad(String(format: "%.3f", mean { $0.totalReactionTimeMs / 1000 }), 9)
        + pad(meanStartup(results), 9)
        + pad(String(format: "%.1f", mean { Double($0.switches.count) }), 10)
        + String(results.filter { !$0.completed }.count) + "\n"
    }
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  static func f(_ value: Double) -> String { String(format: "%f", value) }

  /// Mean startup in seconds over the sessions that started ("-" when none did).
  static func meanStartup(_ results: [SessionResult]) -> String {
    let startups = results.compactMap(\.startupMs)
    guard !startups.isEmpty else { return "-" }
    return String(format: "%.3f", startups.reduce(0, +) / Double(startups.count) / 1000)
  }

  static func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
  }
}
