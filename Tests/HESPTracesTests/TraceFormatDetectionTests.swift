import Testing

import struct Foundation.URL

@testable import HESPTraces

@Suite struct TraceFormatDetectionTests {
  @Test func eachFixtureIsDetectedByItsContent() throws {
    let cases: [(URL, TraceFormat)] = [
      (TraceFixtures.mahimahi, .mahimahi), (TraceFixtures.norwayPensieve, .pensieve),
      (TraceFixtures.norwaySabre, .sabre), (TraceFixtures.sabreExample, .sabre),
      (TraceFixtures.fiveG, .fiveGCSV),
    ]
    for (url, format) in cases {
      #expect(try NetworkTrace.loadDetectingFormat(from: url).format == format)
    }
  }

  @Test func plainCSVIsDetectedWithOrWithoutHeader() {
    #expect(TraceFormat.detect("time_s,kbps\n0,1\n") == .csv)
    #expect(TraceFormat.detect("\n0,1\n") == .csv)
  }

  @Test func theRawValuesAreTheCommandLineNames() {
    #expect(
      TraceFormat.allCases.map(\.rawValue) == ["mahimahi", "pensieve", "sabre", "5g-csv", "csv"])
  }

  @Test func aForcedFormatOverridesDetection() {
    // Two integers per line look like Pensieve; forced as CSV they are a bad row width.
    let error = traceError { _ = try NetworkTrace.parse("0 1\n1 2\n", format: .csv, source: "x") }
    #expect(
      error?.text == "x:1: expected 2 columns (time_s,kbps) or 3 (time_s,kbps,latency_ms), found 1")
  }

  @Test func unknownContentNamesTheFirstLineAndTheFormats() {
    let error = traceError { _ = try NetworkTrace.parse("# notes\n", source: "r.md") }
    #expect(
      error?.text
        == "r.md: cannot detect the trace format from the first line '# notes'; force one of: mahimahi, pensieve, sabre, 5g-csv, csv"
    )
  }

  @Test func anEmptyFileIsAnEmptyTrace() {
    let error = traceError { _ = try NetworkTrace.parse(" \n", source: "e") }
    #expect(error?.text == "e: empty trace: the file is empty")
  }

  @Test func aMissingFileIsNamed() {
    let error = traceError { _ = try NetworkTrace.load(from: TraceFixtures.url("nope.json")) }
    #expect(error?.text.hasSuffix("nope.json: no such file") == true)
  }
}
