import Foundation
import HESPABR
import HESPCore
import Testing

@testable import HESPSimulator

/// The link and buffer model alone (no adaptation), against Sabre's `FixedQ` run
/// (reference/abr-simulators.md §2.1: quality 3, `network.json` + `movie.json`, `-noa -v`).
@Suite struct SabreFixedQualityTests {
  static func run() throws -> SegmentSimulation.Outcome {
    var configuration = SessionConfiguration()
    configuration.verbose = true
    return SegmentSimulation.run(
      movie: try Fixtures.sabreMovie("movie"), trace: try Fixtures.sabreTrace("network"),
      algorithm: FixedQualityRule(quality: 3), configuration: configuration)
  }

  @Test func theFirstSegmentTakesSeventyFiveMillisecondsOfLatencyPlusItsPayloadAtFiveMegabits()
    throws
  {
    let outcome = try Self.run()
    // 2,321,704 bits at 5000 kbit/s = 464.3408 ms, after 75 ms to first byte.
    let startupMs = try #require(outcome.result.startupMs)
    #expect(abs(startupMs - (75 + 2_321_704.0 / 5000)) < 1e-9)
    #expect(outcome.log[1].hasPrefix("[0-539]  0: q=3 s=2321704/2321704 t=539=75+464 "))
  }

  @Test func everyPerSegmentLogLineEqualsSabres() throws {
    let golden = try Fixtures.text("Sabre/golden/verbose/network+movie+fixed3+noa.v.txt")
      .split(separator: "\n").map(String.init)
    let outcome = try Self.run()
    let ours = outcome.log + outcome.result.summaryLines
    #expect(outcome.log.filter { $0.hasPrefix("[") && $0.contains(": q=3 ") }.count == 199)
    #expect(Array(ours.prefix(golden.count)) == golden)
  }

  @Test func theTimeAveragedPlayedBitrateIs687Point38() throws {
    let result = try Self.run().result
    #expect(String(format: "%.2f", result.timeAveragePlayedBitrateKbps) == "687.38")
    #expect(String(format: "%.3f", result.totalPlayTimeMs / 1000) == "597.539")
  }
}
