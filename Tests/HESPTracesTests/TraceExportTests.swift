import Testing

@testable import HESPTraces

@Suite struct TraceExportTests {
  @Test func sabreJSONIsWrittenOnePeriodPerLine() {
    let trace = NetworkTrace(periods: [
      .init(durationMs: 1013, bandwidthKbps: 1285, latencyMs: 100),
      .init(durationMs: 1008.5, bandwidthKbps: 1693.71428571, latencyMs: 80),
    ])
    #expect(
      trace.sabreJSON() == """
        [
            {"duration_ms": 1013, "bandwidth_kbps": 1285, "latency_ms": 100},
            {"duration_ms": 1008.5, "bandwidth_kbps": 1693.71428571, "latency_ms": 80}
        ]

        """)
  }

  @Test func everyFixtureSurvivesARoundTripThroughSabreJSONAndCSV() throws {
    let urls = [
      TraceFixtures.mahimahi, TraceFixtures.norwayPensieve, TraceFixtures.norwaySabre,
      TraceFixtures.fiveG,
    ]
    for url in urls {
      let trace = try NetworkTrace.load(from: url)
      #expect(try NetworkTrace.parse(trace.sabreJSON()) == trace)
      let fromCSV = try NetworkTrace.parse(trace.csv())
      #expect(fromCSV.periods.count == trace.periods.count)
      for (a, b) in zip(fromCSV.periods, trace.periods) {
        #expect(abs(a.durationMs - b.durationMs) < 1e-5)
        #expect(a.bandwidthKbps == b.bandwidthKbps && a.latencyMs == b.latencyMs)
      }
    }
  }

  @Test func theCSVStartsAtTimeZeroWithAHeader() {
    let trace = NetworkTrace(periods: [.init(durationMs: 1500, bandwidthKbps: 300, latencyMs: 80)])
    #expect(trace.csv() == "time_s,kbps,latency_ms\n0,300,80\n1.5,300,80\n")
  }
}
