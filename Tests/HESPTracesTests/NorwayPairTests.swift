import Testing

@testable import HESPTraces

/// The same Norway HSDPA recording in Pensieve's cooked form and in Sabre's JSON
/// (`../shared/traces/README.md` §2) must import to the same bandwidth series.
@Suite struct NorwayPairTests {
  @Test func thePensieveAndSabreFilesGiveTheSameBandwidthSeries() throws {
    let pensieve = try NetworkTrace.load(from: TraceFixtures.norwayPensieve)
    let sabre = try NetworkTrace.load(from: TraceFixtures.norwaySabre)
    #expect(pensieve.periods.count == 191)
    // Sabre keeps bw[0] as an extra first period (raw duration 1013 ms); Pensieve never uses it.
    #expect(sabre.periods.count == 192)
    #expect(sabre.periods[0] == .init(durationMs: 1013, bandwidthKbps: 1285, latencyMs: 100))
    for (k, period) in pensieve.periods.enumerated() {
      let other = sabre.periods[k + 1]
      #expect(abs(period.durationMs - other.durationMs) <= 1, "period \(k + 1) duration")
      #expect(abs(period.bandwidthKbps - other.bandwidthKbps) <= 1, "period \(k + 1) bandwidth")
    }
  }

  @Test func sabresBandwidthIsPensievesTruncatedToWholeKbps() throws {
    let pensieve = try NetworkTrace.load(from: TraceFixtures.norwayPensieve)
    let sabre = try NetworkTrace.load(from: TraceFixtures.norwaySabre)
    let truncated = pensieve.periods.map { $0.bandwidthKbps.rounded(.down) }
    #expect(truncated == sabre.periods.dropFirst().map(\.bandwidthKbps))
  }
}
