import Testing

@testable import HESPTraces

@Suite struct TraceImportOptionsTests {
  @Test func theDefaultsAre100MsBins80MsLatencyAndNoScaling() {
    let options = TraceImportOptions()
    #expect(options.mahimahiBinMs == 100)
    #expect(options.defaultLatencyMs == 80)
    #expect(options.bandwidthScale == 1)
  }

  @Test func outOfRangeOptionsAreRejectedByName() {
    let negativeLatency = traceError { try TraceImportOptions(defaultLatencyMs: -1).validate() }
    #expect(negativeLatency?.text == "options: default latency must be >= 0 ms, got -1.0")
    let zeroScale = traceError { try TraceImportOptions(bandwidthScale: 0).validate() }
    #expect(zeroScale?.text == "options: bandwidth scale must be > 0, got 0.0")
    let zeroBin = traceError { try TraceImportOptions(mahimahiBinMs: 0).validate() }
    #expect(zeroBin?.text.contains("mahimahi bin width must be a whole number of ms >= 1") == true)
  }

  @Test func aDirectoryIsNotATraceFile() {
    let error = traceError { _ = try NetworkTrace.load(from: TraceFixtures.directory) }
    #expect(error?.text.hasSuffix("Traces: is a directory, not a trace file") == true)
  }

  @Test func anAbsurdMahimahiTimestampIsRejectedInsteadOfExhaustingMemory() {
    let error = traceError {
      _ = try NetworkTrace.parse("0\n99999999999\n", options: .init(mahimahiBinMs: 1), source: "m")
    }
    #expect(error?.text.hasPrefix("m:2: last timestamp 99999999999 ms makes") == true)
  }
}
