import Foundation
import HESPABR
import HESPCore
import HESPTraces
import Testing

@testable import HESPSimulator

/// The same Norway HSDPA recording ships in Pensieve's cooked format and as Sabre JSON. After
/// import, both must drive the player to the same session. Sabre's file has one extra first
/// period (the raw log's `bw[0]`, which Pensieve never reads) and 100 ms latency; its bandwidths
/// are Pensieve's truncated to whole kbit/s. With that period left out and the same latency,
/// the only difference left is the truncation, worth well under 0.5 % of bitrate.
@Suite struct NorwayPairTests {
  static func traces() throws -> (pensieve: NetworkTrace, sabre: NetworkTrace) {
    var options = TraceImportOptions()
    options.defaultLatencyMs = 100
    let pensieve = try NetworkTrace.load(
      from: Fixtures.root.appendingPathComponent(
        "Traces/metro.kalbakken-jernbanetorget-report.2010-09-13_1003CEST.log"),
      options: options)
    var sabre = try NetworkTrace.load(
      from: Fixtures.root.appendingPathComponent("Traces/report.2010-09-13_1003CEST.json"))
    sabre.periods.removeFirst()
    return (pensieve, sabre)
  }

  @Test(arguments: [ABRChoice.throughput, .bola, .bolae, .dynamic, .dynamicdash])
  func bothFormatsOfTheNorwayRecordingGiveTheSameSession(choice: ABRChoice) throws {
    let (pensieve, sabre) = try Self.traces()
    #expect(pensieve.periods.count == sabre.periods.count)
    let movie = try Fixtures.sabreMovie("movie")
    func run(_ trace: NetworkTrace) -> SessionResult {
      SegmentSimulation.run(
        movie: movie, trace: trace, choice: choice, abrOptions: ABROptions(),
        configuration: SessionConfiguration()
      ).result
    }
    let a = run(pensieve)
    let b = run(sabre)
    let bitrateGap = abs(a.timeAveragePlayedBitrateKbps - b.timeAveragePlayedBitrateKbps)
    #expect(bitrateGap / b.timeAveragePlayedBitrateKbps < 0.005)
    #expect(abs(a.reportedRampupTimeMs - b.reportedRampupTimeMs) < 1)
    #expect(abs(a.totalReactionTimeMs - b.totalReactionTimeMs) < 1)
    #expect(abs(a.totalRebufferMs - b.totalRebufferMs) < 100)
    #expect(a.rebufferEvents == b.rebufferEvents)
  }
}
