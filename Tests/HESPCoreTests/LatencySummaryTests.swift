import Testing

@testable import HESPCore

@Suite struct LatencySummaryTests {
  @Test func percentilesUseTheNearestRankMethod() {
    let sorted = (1...10).map(Double.init)  // 1 ... 10
    #expect(LatencySummary.percentile(sorted: sorted, 50) == 5)  // rank ceil(5) = 5
    #expect(LatencySummary.percentile(sorted: sorted, 90) == 9)  // rank 9
    #expect(LatencySummary.percentile(sorted: sorted, 91) == 10)  // rank ceil(9.1) = 10
    #expect(LatencySummary.percentile(sorted: sorted, 99) == 10)
    #expect(LatencySummary.percentile(sorted: sorted, 0) == 1)
    #expect(LatencySummary.percentile(sorted: sorted, 100) == 10)
  }

  @Test func aPercentileIsAlwaysOneOfTheSamples() {
    let sorted = [10.0, 20, 30, 40]
    #expect(LatencySummary.percentile(sorted: sorted, 50) == 20)  // rank 2, no interpolation
    #expect(LatencySummary.percentile(sorted: sorted, 51) == 30)
  }

  @Test func theSummaryReportsCountMeanPercentilesMaxAndTm90() throws {
    // 20 samples: 1...19 and one slow 1000 ms outlier.
    let samples = (1...19).map(Double.init) + [1000]
    let summary = try #require(LatencySummary(samplesMs: samples.reversed()))
    #expect(summary.count == 20)
    #expect(summary.meanMs == (190.0 + 1000) / 20)
    #expect(summary.p50Ms == 10)
    #expect(summary.p90Ms == 18)
    #expect(summary.p99Ms == 1000)
    #expect(summary.maxMs == 1000)
    // the samples at or below p90
    #expect(summary.tm90Ms == (1...18).map(Double.init).reduce(0, +) / 18)
  }

  @Test func tm90KeepsSamplesTiedWithP90() throws {
    let summary = try #require(LatencySummary(samplesMs: [5, 5, 5, 5, 5, 5, 5, 5, 5, 5]))
    #expect(summary.p90Ms == 5)
    #expect(summary.tm90Ms == 5)
  }

  @Test func oneSampleIsEveryStatistic() throws {
    let summary = try #require(LatencySummary(samplesMs: [42]))
    #expect(
      [summary.meanMs, summary.p50Ms, summary.p90Ms, summary.p99Ms, summary.maxMs, summary.tm90Ms]
        == Array(repeating: 42, count: 6))
  }

  @Test func noSamplesOrANonFiniteSampleGiveNoSummary() {
    #expect(LatencySummary(samplesMs: []) == nil)
    #expect(LatencySummary(samplesMs: [1, .nan]) == nil)
    #expect(LatencySummary(samplesMs: [1, .infinity]) == nil)
  }
}
