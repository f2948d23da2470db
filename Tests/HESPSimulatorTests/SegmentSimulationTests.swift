import Foundation
import HESPABR
import HESPCore
import HESPTraces
import Testing

@testable import HESPSimulator

@Suite struct SegmentSimulationTests {
  static let movie = SabreMovie(
    segmentDurationMs: 2000, bitratesKbps: [500, 1000],
    segmentSizesBits: Array(repeating: [1_000_000, 2_000_000], count: 10))

  @Test func anAllZeroTraceEndsWithAStallReportAtTheDefaultTimeLimit() {
    let trace = NetworkTrace(periods: [.init(durationMs: 1000, bandwidthKbps: 0, latencyMs: 50)])
    let outcome = SegmentSimulation.run(
      movie: Self.movie, trace: trace, choice: .bolae, abrOptions: ABROptions(),
      configuration: SessionConfiguration())
    // Default limit: 2 x 20 s of content + 60 s.
    #expect(!outcome.result.completed)
    #expect(outcome.result.maximumSessionMs == 100_000)
    #expect(
      outcome.result.summaryLines.last?.hasPrefix("session end: time limit 100.000000 s") == true)
    #expect(outcome.result.segmentsDownloaded == 0)
    #expect(outcome.result.startupMs == nil)
  }

  @Test func aTraceThatDiesMidSessionStallsUntilTheLimit() {
    let trace = NetworkTrace(periods: [
      .init(durationMs: 5000, bandwidthKbps: 4000, latencyMs: 50),
      .init(durationMs: 1_000_000, bandwidthKbps: 0, latencyMs: 50),
    ])
    var configuration = SessionConfiguration()
    configuration.maximumSessionMs = 30_000
    configuration.abandonmentEnabled = true
    let result = SegmentSimulation.run(
      movie: Self.movie, trace: trace, choice: .throughput, abrOptions: ABROptions(),
      configuration: configuration
    ).result
    #expect(!result.completed)
    #expect(result.totalRebufferMs > 0)
    #expect(abs(result.totalPlayTimeMs - 30_000) < 1e-6)
  }

  @Test func theSameInputsGiveIdenticalResults() throws {
    let trace = NetworkTrace(periods: [
      .init(durationMs: 3000, bandwidthKbps: 800, latencyMs: 40),
      .init(durationMs: 2000, bandwidthKbps: 3000, latencyMs: 80),
    ])
    let run = {
      SegmentSimulation.run(
        movie: Self.movie, trace: trace, choice: .dynamicdash, abrOptions: ABROptions(),
        configuration: SessionConfiguration()
      ).result
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    #expect(try encoder.encode(run()) == encoder.encode(run()))
  }

  @Test func everySwitchIsRecordedWithItsDecisionAndPlayStart() {
    let trace = NetworkTrace(periods: [
      .init(durationMs: 6000, bandwidthKbps: 600, latencyMs: 0),
      .init(durationMs: 60_000, bandwidthKbps: 5000, latencyMs: 0),
    ])
    let result = SegmentSimulation.run(
      movie: Self.movie, trace: trace, choice: .throughput, abrOptions: ABROptions(),
      configuration: SessionConfiguration()
    ).result
    let up = result.switches.first { $0.toQuality == 1 }
    #expect(up != nil)
    if let up, let start = up.playStartMs {
      #expect(start > up.decisionMs)
      #expect(up.fromQuality == 0)
    }
    #expect(result.startupMs == 1_000_000.0 / 600)
  }
}

@Suite struct AllAlgorithmsSessionTests {
  @Test(arguments: [
    ABRChoice.throughput, .bola, .bolae, .dynamic, .dynamicdash, .bba, .mpc, .fixed(5),
  ])
  func everyAlgorithmPlaysTheWholeSabre4KExampleDeterministically(_ choice: ABRChoice) throws {
    let movie = try Fixtures.sabreMovie("bbb4k")
    let trace = try Fixtures.sabreTrace("4Glogs/report_bus_0001")
    let run = {
      SegmentSimulation.run(
        movie: movie, trace: trace, choice: choice, abrOptions: ABROptions(),
        configuration: SessionConfiguration()
      ).result
    }
    let first = run()
    #expect(first.completed)
    #expect(first.segmentsDownloaded == 199)
    #expect(first.timeAveragePlayedBitrateKbps > 1000)
    #expect(first == run())
  }
}
