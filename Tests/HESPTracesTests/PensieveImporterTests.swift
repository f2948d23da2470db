import Testing

@testable import HESPTraces

@Suite struct PensieveImporterTests {
  @Test func eachBandwidthCoversTheIntervalEndingAtItsTimeAndBw0IsDropped() throws {
    let trace = try NetworkTrace.parse("0.0\t9.9\n1.5\t2.0\n4.0 0.5\n", format: .pensieve)
    #expect(
      trace.periods == [
        .init(durationMs: 1500, bandwidthKbps: 2000, latencyMs: 80),
        .init(durationMs: 2500, bandwidthKbps: 500, latencyMs: 80),
      ])
  }

  @Test func crlfLineEndsAndMixedBlanksAreAccepted() throws {
    let trace = try NetworkTrace.parse("0.0 \t 1\r\n1.008\t1.69371428571\r\n", format: .pensieve)
    #expect(trace.periods.count == 1)
    #expect(trace.periods[0].durationMs == 1008)
    #expect(trace.periods[0].bandwidthKbps == 1693.71428571)
  }

  @Test func theBandwidthScaleMimicsPensievesPayloadFactor() throws {
    let trace = try NetworkTrace.parse(
      "0 1\n1 2\n", format: .pensieve, options: .init(bandwidthScale: 0.95))
    #expect(trace.periods[0].bandwidthKbps == 1900)
  }

  @Test func aRepeatedTimeIsAPeriodOfZeroDuration() {
    let error = traceError {
      _ = try NetworkTrace.parse("0 1\n1 2\n1 3\n", format: .pensieve, source: "p")
    }
    #expect(error?.text == "p:3: period of zero duration: time 1 s repeats the previous line")
  }

  @Test func timeGoingBackwardsIsRejected() {
    let error = traceError {
      _ = try NetworkTrace.parse("0 1\n2 2\n1 3\n", format: .pensieve, source: "p")
    }
    #expect(error?.text == "p:3: time goes backwards: 1 s after 2 s")
  }

  @Test func aNegativeBandwidthIsRejected() {
    let error = traceError {
      _ = try NetworkTrace.parse("0 1\n1 -2\n", format: .pensieve, source: "p")
    }
    #expect(error?.text == "p:2: bandwidth (Mbps) is negative: -2")
  }

  @Test func aNonNumericValueIsRejected() {
    let error = traceError {
      _ = try NetworkTrace.parse("0 1\n1 fast\n", format: .pensieve, source: "p")
    }
    #expect(error?.text == "p:2: bandwidth (Mbps) is not a number: 'fast'")
  }

  @Test func aLineWithThreeFieldsIsRejected() {
    let error = traceError {
      _ = try NetworkTrace.parse("0 1\n1 2 3\n", format: .pensieve, source: "p")
    }
    #expect(error?.text == "p:2: expected 2 fields (time_s Mbps), found 3")
  }

  @Test func aSingleSampleGivesAnEmptyTrace() {
    let error = traceError { _ = try NetworkTrace.parse("0 1\n", format: .pensieve, source: "p") }
    #expect(error?.text.hasPrefix("p: empty trace") == true)
  }
}

extension PensieveImporterTests {
  @Test func timeBeforeTheFirstSampleIsNotPartOfTheTrace() throws {
    let trace = try NetworkTrace.parse("5.0 9\n6.5 2\n", format: .pensieve)
    #expect(trace.periods == [.init(durationMs: 1500, bandwidthKbps: 2000, latencyMs: 80)])
  }
}
