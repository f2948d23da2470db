import Testing

@testable import HESPTraces

/// The cases of issue 12: absurd values are refused at import with their file, line (or JSON
/// path) and the limit.
@Suite struct TraceLimitsTests {
  func message(
    _ text: String, _ format: TraceFormat? = nil, options: TraceImportOptions = .init(),
    source: String
  ) -> String? {
    traceError {
      _ = try NetworkTrace.parse(text, format: format, options: options, source: source)
    }?.text
  }

  @Test func aSabrePeriodOfOneNanosecondIsRefusedAtImport() {
    let json =
      "[\n{\"duration_ms\": 1000, \"bandwidth_kbps\": 1, \"latency_ms\": 1},\n"
      + "{\"duration_ms\": 1e-9, \"bandwidth_kbps\": 1000, \"latency_ms\": 10}\n]"
    #expect(
      message(json, source: "t.json")
        == "t.json: at $[1].duration_ms: period of 1e-09 ms is shorter than the 1 ms minimum")
  }

  @Test func anAbsurdBandwidthIsRefusedWithTheLimitInEveryFormat() {
    let limit = "is above the limit of 100000000 kbps (100 Gbit/s)"
    #expect(
      message(
        #"[{"duration_ms": 1000, "bandwidth_kbps": 1e308, "latency_ms": 10}]"#, source: "t.json")
        == "t.json: at $[0].bandwidth_kbps: bandwidth 1e+308 kbps \(limit)")
    #expect(
      message("time_s,kbps\n0,1\n1,2\n2,1e308\n", source: "t.csv")
        == "t.csv:4: bandwidth 1e+308 kbps \(limit)")
    #expect(message("0 1\n1 1e300\n", source: "t.log") == "t.log:2: bandwidth 1e+303 kbps \(limit)")
    #expect(
      message("Timestamp,DL_bitrate\n2020.02.14_09.38.22,1e308\n", source: "t5g.csv")
        == "t5g.csv:2: bandwidth 1e+308 kbps \(limit)")
    #expect(
      message(
        #"[{"duration_ms": 1000, "bandwidth_kbps": 2e7, "latency_ms": 10}]"#, source: "s.json"
      )
      .map { _ in "" } == nil)
    let scaled = traceError {
      _ = try NetworkTrace.parse(
        #"[{"duration_ms": 1000, "bandwidth_kbps": 2e7, "latency_ms": 10}]"#,
        options: .init(bandwidthScale: 10), source: "s.json")
    }
    #expect(
      scaled?.text
        == "s.json: at $[0].bandwidth_kbps: bandwidth 200000000 kbps (after --bandwidth-scale) \(limit)"
    )
  }

  @Test func anAbsurdLatencyIsRefusedWithTheLimit() {
    #expect(
      message(
        #"[{"duration_ms": 1000, "bandwidth_kbps": 1, "latency_ms": 1e12}]"#, source: "t.json")
        == "t.json: at $[0].latency_ms: latency 1000000000000 ms is above the limit of 60000 ms (60 s)"
    )
    #expect(
      message("0,1,1\n1,1,60001\n", source: "t.csv")
        == "t.csv:2: latency 60001 ms is above the limit of 60000 ms (60 s)")
  }

  @Test func aTraceLongerThanSevenDaysIsRefusedAtTheLineThatPassesTheLimit() {
    let beyond = "beyond the limit of 604800 s (7 days)"
    #expect(
      message("0 1\n604800 1\n604801 1\n", source: "p.log")
        == "p.log:3: the trace reaches 604801 s, \(beyond)")
    #expect(
      message("0,1\n1e300,1\n", source: "t.csv") == "t.csv:2: the trace reaches 1e+300 s, \(beyond)"
    )
    #expect(
      message("0\n604800001\n", options: .init(mahimahiBinMs: 1000), source: "m.down")
        == "m.down:2: last timestamp: the trace reaches 604800.001 s, \(beyond)")
    #expect(
      message(
        "Timestamp,DL_bitrate\n2020.02.14_09.38.22,1\n2021.02.14_09.38.22,1\n", source: "g.csv")
        == "g.csv:3: the trace reaches 31622401 s, \(beyond)")
    let days = (0..<8).map { _ in
      #"{"duration_ms": 86400000, "bandwidth_kbps": 1, "latency_ms": 1}"#
    }
    #expect(
      message("[" + days.joined(separator: ",") + "]", source: "d.json")
        == "d.json: at $[7].duration_ms: the trace reaches 691200 s, \(beyond)")
  }

  @Test func periodsBelowOneMillisecondAreRefusedWithTheirLine() {
    #expect(
      message("0 1\n0.0001 1\n", source: "p.log")
        == "p.log:2: period of 0.1 ms is shorter than the 1 ms minimum")
    #expect(
      message("0,1\n0.001,1\n0.0015,1\n", source: "t.csv")
        == "t.csv:3: period of 0.5 ms is shorter than the 1 ms minimum")
  }

  @Test func aTooLargeMahimahiTimestampNamesTheLimit() {
    #expect(
      message("0\n99999999999999999999\n", source: "m.down")
        == "m.down:2: timestamp '99999999999999999999' ms is beyond the limit of 604800000 ms (7 days)"
    )
  }

  @Test func tooManyOpportunitiesInOneMahimahiBinExceedTheBandwidthLimit() {
    // 8,334 packets of 12,000 bits in 1 ms are 100,008,000 kbps.
    let text = Array(repeating: "0", count: 8334).joined(separator: "\n") + "\n1"
    #expect(
      message(text, options: .init(mahimahiBinMs: 1), source: "m.down")
        == "m.down:8334: 8334 opportunities in the 1 ms bin from 0 ms exceed the limit of 100000000 kbps (100 Gbit/s)"
    )
    // The line at T = 1 ms counts in the last bin too.
    let ok = Array(repeating: "0", count: 8332).joined(separator: "\n") + "\n1"
    #expect(message(ok, options: .init(mahimahiBinMs: 1), source: "m.down") == nil)
  }
}
