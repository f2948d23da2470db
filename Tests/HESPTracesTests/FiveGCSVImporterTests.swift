import Testing

@testable import HESPTraces

@Suite struct FiveGCSVImporterTests {
  static let header = "Timestamp,Speed,DL_bitrate,PINGAVG"

  @Test func repeatedSecondsAreAveragedAndGapsHoldThePreviousValue() throws {
    let text = """
      \(Self.header)
      2020.02.27_17.30.15,0,214,-
      2020.02.27_17.30.15,0,86,-
      2020.02.27_17.30.16,0,40,-
      2020.02.27_17.30.19,0,10,-
      """
    let trace = try NetworkTrace.parse(text, format: .fiveGCSV)
    #expect(
      trace.periods == [
        .init(durationMs: 1000, bandwidthKbps: 150, latencyMs: 80),
        .init(durationMs: 3000, bandwidthKbps: 40, latencyMs: 80),
        .init(durationMs: 1000, bandwidthKbps: 10, latencyMs: 80),
      ])
  }

  @Test func theDatasetExcerptIsDetectedAndSpansFirstToLastSecond() throws {
    let loaded = try NetworkTrace.loadDetectingFormat(from: TraceFixtures.fiveG)
    #expect(loaded.format == .fiveGCSV)
    // 30 rows from 17:30:15 to 17:30:45: 31 s, 26 distinct seconds (4 repeats), 5 missing seconds.
    #expect(loaded.trace.durationMs == 31_000)
    #expect(loaded.trace.periods.count == 26)
    #expect(loaded.trace.periods[0].bandwidthKbps == 150)
  }

  @Test func secondsCrossMidnightAndMonthEnds() {
    let a = FiveGCSVImporter.epochSecond("2020.02.29_23.59.59")
    let b = FiveGCSVImporter.epochSecond("2020.03.01_00.00.00")
    #expect(a.map { $0 + 1 } == b)
    #expect(FiveGCSVImporter.epochSecond("1970.01.01_00.00.00") == 0)
  }

  @Test func aRowOfTheWrongWidthIsRejected() {
    let text = "\(Self.header)\n2020.02.27_17.30.15,0,214\n"
    let error = traceError { _ = try NetworkTrace.parse(text, source: "g.csv") }
    #expect(error?.text == "g.csv:2: expected 4 columns like the header, found 3")
  }

  @Test func aBadTimestampIsRejected() {
    let text = "\(Self.header)\n2020-02-27 17:30:15,0,214,-\n"
    let error = traceError { _ = try NetworkTrace.parse(text, source: "g.csv") }
    #expect(error?.text == "g.csv:2: Timestamp is not YYYY.MM.DD_HH.MM.SS: '2020-02-27 17:30:15'")
  }

  @Test func aNegativeBitrateIsRejected() {
    let text = "\(Self.header)\n2020.02.27_17.30.15,0,-1,-\n"
    let error = traceError { _ = try NetworkTrace.parse(text, source: "g.csv") }
    #expect(error?.text == "g.csv:2: DL_bitrate is negative: -1")
  }

  @Test func aTimestampGoingBackwardsIsRejected() {
    let text = "\(Self.header)\n2020.02.27_17.30.15,0,1,-\n2020.02.27_17.30.14,0,1,-\n"
    let error = traceError { _ = try NetworkTrace.parse(text, source: "g.csv") }
    #expect(error?.text.hasPrefix("g.csv:3: Timestamp goes backwards") == true)
  }

  @Test func aHeaderWithoutDataRowsIsAnEmptyTrace() {
    let error = traceError {
      _ = try NetworkTrace.parse(Self.header + "\n", format: .fiveGCSV, source: "g.csv")
    }
    #expect(error?.text == "g.csv: empty trace: a header but no data rows")
  }
}
