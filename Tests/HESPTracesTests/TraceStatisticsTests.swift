import Testing

@testable import HESPTraces

@Suite struct TraceStatisticsTests {
  @Test func bandwidthStatisticsAreWeightedByDuration() {
    let trace = NetworkTrace(periods: [
      .init(durationMs: 9000, bandwidthKbps: 1000, latencyMs: 100),
      .init(durationMs: 1000, bandwidthKbps: 11_000, latencyMs: 0),
    ])
    let stats = TraceStatistics(trace)
    #expect(stats.durationMs == 10_000)
    #expect(stats.periodCount == 2)
    #expect(stats.meanKbps == 2000)
    #expect(stats.medianKbps == 1000)
    #expect(stats.p10Kbps == 1000)
    #expect(stats.p90Kbps == 1000)  // 90% of the time is at 1000 kbps
    #expect(stats.minKbps == 1000)
    #expect(stats.maxKbps == 11_000)
    #expect(stats.meanLatencyMs == 90)
  }

  @Test func thePercentileIsTheFirstBandwidthCoveringItsShareOfTime() {
    let trace = NetworkTrace(
      periods: (1...10).map { .init(durationMs: 100, bandwidthKbps: Double($0 * 10), latencyMs: 0) }
    )
    let stats = TraceStatistics(trace)
    #expect(stats.p10Kbps == 10)
    #expect(stats.medianKbps == 50)
    #expect(stats.p90Kbps == 90)
  }

  @Test func sabresExampleTraceHasAMeanOf3125Kbps() throws {
    let stats = TraceStatistics(try NetworkTrace.load(from: TraceFixtures.sabreExample))
    #expect(stats.meanKbps == 3125)
    #expect(stats.durationMs == 120_000)
  }
}

@Suite struct TimedPeriodsTests {
  @Test func aSessionLongerThanTheTraceLoopsIt() {
    let trace = NetworkTrace(periods: [
      .init(durationMs: 1000, bandwidthKbps: 100, latencyMs: 10),
      .init(durationMs: 500, bandwidthKbps: 200, latencyMs: 10),
    ])
    let timed = trace.timedPeriods(untilMs: 3200)
    #expect(timed.map(\.startMs) == [0, 1000, 1500, 2500, 3000])
    #expect(timed.map(\.period.bandwidthKbps) == [100, 200, 100, 200, 100])
  }

  @Test func anEmptyTraceOrSessionGivesNoPeriods() {
    #expect(NetworkTrace(periods: []).timedPeriods(untilMs: 1000).isEmpty)
    #expect(
      NetworkTrace(periods: [.init(durationMs: 1, bandwidthKbps: 1, latencyMs: 0)]).timedPeriods(
        untilMs: 0
      ).isEmpty)
  }
}
