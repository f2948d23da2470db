import Testing

@testable import HESPTraces

@Suite struct PlainCSVImporterTests {
  @Test func kbpsCoversTheIntervalEndingAtItsTimeLikePensieve() throws {
    let trace = try NetworkTrace.parse("time_s,kbps\n0,999\n1.5,2000\n4,500\n")
    #expect(
      trace.periods == [
        .init(durationMs: 1500, bandwidthKbps: 2000, latencyMs: 80),
        .init(durationMs: 2500, bandwidthKbps: 500, latencyMs: 80),
      ])
  }

  @Test func theHeaderIsOptionalAndAThirdColumnIsTheLatency() throws {
    let trace = try NetworkTrace.parse("0,1,5\n2,300,40\n")
    #expect(trace.periods == [.init(durationMs: 2000, bandwidthKbps: 300, latencyMs: 40)])
  }

  @Test func aRowOfTheWrongWidthIsRejected() {
    let error = traceError {
      _ = try NetworkTrace.parse("time_s,kbps\n0,1\n1,2,3\n", source: "c.csv")
    }
    #expect(error?.text == "c.csv:3: expected 2 columns like the first row, found 3")
  }

  @Test func aFirstRowOfOneColumnIsRejected() {
    let error = traceError {
      _ = try NetworkTrace.parse("time_s\n0\n", format: .csv, source: "c.csv")
    }
    #expect(
      error?.text
        == "c.csv:1: expected 2 columns (time_s,kbps) or 3 (time_s,kbps,latency_ms), found 1")
  }

  @Test func aNonNumericCellIsRejected() {
    let error = traceError { _ = try NetworkTrace.parse("0,1\n1,n/a\n", source: "c.csv") }
    #expect(error?.text == "c.csv:2: kbps is not a number: 'n/a'")
  }

  @Test func aRepeatedTimeIsAPeriodOfZeroDuration() {
    let error = traceError { _ = try NetworkTrace.parse("0,1\n0,2\n", source: "c.csv") }
    #expect(error?.text == "c.csv:2: period of zero duration: time 0 s repeats the previous row")
  }

  @Test func aHeaderAloneIsAnEmptyTrace() {
    let error = traceError { _ = try NetworkTrace.parse("time_s,kbps\n", source: "c.csv") }
    #expect(error?.text.hasPrefix("c.csv: empty trace") == true)
  }
}

extension PlainCSVImporterTests {
  @Test func timesWithinANanosecondAreAPeriodOfZeroDuration() {
    let error = traceError {
      _ = try NetworkTrace.parse("0,1\n1,2\n1.0000000000001,3\n", source: "c.csv")
    }
    #expect(
      error?.text
        == "c.csv:3: period of zero duration: time 1.0000000000001 s is within 1 ns of the previous row"
    )
  }
}
