import Testing

@testable import HESPTraces

@Suite struct NetworkTraceTests {
  @Test func aTracesDurationIsTheSumOfItsPeriods() {
    let trace = NetworkTrace(periods: [
      .init(durationMs: 30_000, bandwidthKbps: 5000, latencyMs: 75),
      .init(durationMs: 1500, bandwidthKbps: 3000, latencyMs: 150),
    ])
    #expect(trace.durationMs == 31_500)
  }
}
