import Foundation
import HESPABR
import HESPCore
import Testing

@testable import HESPSimulator

/// Whole sessions against Sabre's own output on Sabre's inputs.
@Suite struct SabreGoldenTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var trace: String
    var movie: String
    var abr: ABRChoice
    var abandonment: Bool
    var testDescription: String {
      "\(trace) \(movie) \(abr) \(abandonment ? "abandon" : "noa")"
    }
    var goldenPath: String {
      "Sabre/golden/summaries/\(trace.replacingOccurrences(of: "/", with: "%"))+\(movie)+\(abr)+"
        + (abandonment ? "abandon" : "noa") + ".txt"
    }
  }

  static let inputs: [(String, String)] = [
    ("network", "movie"), ("4Glogs/report_bus_0001", "bbb4k"), ("4Glogs/report_car_0001", "bbb4k"),
    ("3Glogs/report.2010-09-13_1003CEST", "movie"), ("hd_fs/trace0000", "bbb4k"),
    ("sd_fs/trace0000", "movie"),
  ]
  static let cases: [Case] = inputs.flatMap { trace, movie in
    [ABRChoice.bola, .bolae, .throughput, .dynamic, .dynamicdash].flatMap { abr in
      [false, true].map { Case(trace: trace, movie: movie, abr: abr, abandonment: $0) }
    }
  }

  static func run(
    _ trace: String, _ movie: String, _ abr: ABRChoice, abandonment: Bool
  ) throws -> SessionResult {
    var configuration = SessionConfiguration()
    configuration.abandonmentEnabled = abandonment
    return SegmentSimulation.run(
      movie: try Fixtures.sabreMovie(movie), trace: try Fixtures.sabreTrace(trace), choice: abr,
      abrOptions: ABROptions(), configuration: configuration
    ).result
  }

  @Test(arguments: cases)
  func everySummaryLineEqualsSabres(_ test: Case) throws {
    let golden = try Fixtures.text(test.goldenPath).split(separator: "\n").map(String.init)
    let result = try Self.run(test.trace, test.movie, test.abr, abandonment: test.abandonment)
    #expect(golden.count == 24)
    #expect(Array(result.summaryLines.prefix(24)) == golden)
  }

  /// The golden rows of reference/abr-simulators.md §2.1, within 0.5 %: time-average played
  /// bitrate (kbps), total rebuffer (s), ramp-up (s), and total reaction (s) where the table has it.
  struct Row: Sendable, CustomTestStringConvertible {
    var trace: String
    var movie: String
    var abr: ABRChoice
    var abandonment: Bool
    var bitrateKbps: Double
    var rebufferSeconds: Double
    var rampupSeconds: Double
    var reactionSeconds: Double?
    var testDescription: String { "\(trace) \(abr) \(abandonment ? "abandon" : "noa")" }
  }

  static let rows: [Row] = [
    // Example inputs, Sabre's default (with abandonment).
    Row(
      trace: "network", movie: "movie", abr: .bola, abandonment: true, bitrateKbps: 2876.6,
      rebufferSeconds: 0, rampupSeconds: 6.252, reactionSeconds: 82.26),
    Row(
      trace: "network", movie: "movie", abr: .bolae, abandonment: true, bitrateKbps: 2911.9,
      rebufferSeconds: 0, rampupSeconds: 3.252, reactionSeconds: 61.26),
    Row(
      trace: "network", movie: "movie", abr: .throughput, abandonment: true, bitrateKbps: 1963.8,
      rebufferSeconds: 0, rampupSeconds: 3.252, reactionSeconds: 225.0),
    Row(
      trace: "network", movie: "movie", abr: .dynamic, abandonment: true, bitrateKbps: 2905.4,
      rebufferSeconds: 0, rampupSeconds: 3.252, reactionSeconds: 82.26),
    Row(
      trace: "network", movie: "movie", abr: .dynamicdash, abandonment: true, bitrateKbps: 2909.9,
      rebufferSeconds: 0, rampupSeconds: 3.252, reactionSeconds: 52.26),
    // Shared traces, the `-noa` column.
    Row(
      trace: "4Glogs/report_bus_0001", movie: "bbb4k", abr: .bolae, abandonment: false,
      bitrateKbps: 26281.2, rebufferSeconds: 0, rampupSeconds: 3.119),
    Row(
      trace: "4Glogs/report_bus_0001", movie: "bbb4k", abr: .throughput, abandonment: false,
      bitrateKbps: 14997.0, rebufferSeconds: 0, rampupSeconds: 3.119),
    Row(
      trace: "4Glogs/report_car_0001", movie: "bbb4k", abr: .bolae, abandonment: false,
      bitrateKbps: 28503.8, rebufferSeconds: 0.130, rampupSeconds: 9.265),
    Row(
      trace: "3Glogs/report.2010-09-13_1003CEST", movie: "movie", abr: .bolae, abandonment: false,
      bitrateKbps: 1362.8, rebufferSeconds: 0, rampupSeconds: 9.790),
    Row(
      trace: "3Glogs/report.2010-09-13_1003CEST", movie: "movie", abr: .throughput,
      abandonment: false, bitrateKbps: 1018.7, rebufferSeconds: 0, rampupSeconds: 9.790),
    Row(
      trace: "hd_fs/trace0000", movie: "bbb4k", abr: .bolae, abandonment: false,
      bitrateKbps: 13507.9, rebufferSeconds: 12.129, rampupSeconds: 2.623),
    Row(
      trace: "hd_fs/trace0000", movie: "bbb4k", abr: .throughput, abandonment: false,
      bitrateKbps: 5658.6, rebufferSeconds: 0, rampupSeconds: 2.623),
    Row(
      trace: "sd_fs/trace0000", movie: "movie", abr: .bolae, abandonment: false,
      bitrateKbps: 3460.6, rebufferSeconds: 15.606, rampupSeconds: 2.790),
    Row(
      trace: "sd_fs/trace0000", movie: "movie", abr: .throughput, abandonment: false,
      bitrateKbps: 2300.5, rebufferSeconds: 2.386, rampupSeconds: 2.790),
  ]

  static func within(_ value: Double, _ expected: Double) -> Bool {
    expected == 0 ? abs(value) < 1e-9 : abs(value - expected) <= 0.005 * abs(expected)
  }

  @Test(arguments: rows)
  func theReferenceGoldenRowIsReproducedWithinHalfAPercent(_ row: Row) throws {
    let result = try Self.run(row.trace, row.movie, row.abr, abandonment: row.abandonment)
    #expect(Self.within(result.timeAveragePlayedBitrateKbps, row.bitrateKbps))
    #expect(Self.within(result.totalRebufferMs / 1000, row.rebufferSeconds))
    #expect(Self.within(result.reportedRampupTimeMs / 1000, row.rampupSeconds))
    if let reaction = row.reactionSeconds {
      #expect(Self.within(result.totalReactionTimeMs / 1000, reaction))
    }
  }

  @Test(arguments: [
    ("network", "bola", true, ReplacementStrategy.none),
    ("network", "bolae", false, .none),
    ("network", "dynamic", true, .none),
    ("network", "throughput", false, .none),
    ("network", "dynamicdash", true, .left),
    ("sd_fs/trace0000", "bola", false, .right),
  ])
  func theVerboseLogEqualsSabresIncludingAbandonmentsAndReplacements(
    _ trace: String, _ abr: String, _ abandonment: Bool, _ replacement: ReplacementStrategy
  ) throws {
    let name =
      "\(trace.replacingOccurrences(of: "/", with: "%"))+movie+\(abr)+"
      + (abandonment ? "abandon" : "noa")
      + (replacement == .none ? "" : "+replace-\(replacement.rawValue)")
    let golden = try Fixtures.text("Sabre/golden/verbose/\(name).v.txt")
      .split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLast()
    var configuration = SessionConfiguration()
    configuration.abandonmentEnabled = abandonment
    configuration.replacement = replacement
    configuration.verbose = true
    let outcome = SegmentSimulation.run(
      movie: try Fixtures.sabreMovie("movie"), trace: try Fixtures.sabreTrace(trace),
      choice: try #require(ABRChoice(name: abr)), abrOptions: ABROptions(),
      configuration: configuration)
    let ours = outcome.log + outcome.result.summaryLines
    #expect(Array(ours.prefix(golden.count)) == Array(golden))
  }
}
