import HESPABR
import Testing

@Suite struct EWMAEstimatorTests {
  @Test func theFirstSampleIsTheEstimateThanksToZeroBiasCorrection() {
    var estimator = EWMAEstimator(segmentDurationMs: 3000)
    #expect(estimator.throughputKbps == nil)
    estimator.add(durationMs: 500, throughputKbps: 4000, latencyMs: 80)
    #expect(abs(estimator.throughputKbps! - 4000) < 1e-9)
    #expect(abs(estimator.latencyMs! - 80) < 1e-9)
  }

  @Test func theEstimateIsTheMinimumThroughputAndMaximumLatencyOfTheAverages() {
    var estimator = EWMAEstimator(segmentDurationMs: 3000)
    estimator.add(durationMs: 1000, throughputKbps: 1000, latencyMs: 50)
    estimator.add(durationMs: 1000, throughputKbps: 5000, latencyMs: 150)
    var fast = EWMAEstimator(halfLivesSeconds: [3], segmentDurationMs: 3000)
    var slow = EWMAEstimator(halfLivesSeconds: [8], segmentDurationMs: 3000)
    fast.add(durationMs: 1000, throughputKbps: 1000, latencyMs: 50)
    fast.add(durationMs: 1000, throughputKbps: 5000, latencyMs: 150)
    slow.add(durationMs: 1000, throughputKbps: 1000, latencyMs: 50)
    slow.add(durationMs: 1000, throughputKbps: 5000, latencyMs: 150)
    // After a rise, the slow average is lower (throughput) and lags in latency.
    #expect(estimator.throughputKbps == min(fast.throughputKbps!, slow.throughputKbps!))
    #expect(estimator.latencyMs == max(fast.latencyMs!, slow.latencyMs!))
    #expect(slow.throughputKbps! < fast.throughputKbps!)
  }

  @Test func longerDownloadsWeighMore() {
    var short = EWMAEstimator(segmentDurationMs: 3000)
    short.add(durationMs: 1000, throughputKbps: 1000, latencyMs: 0)
    short.add(durationMs: 100, throughputKbps: 9000, latencyMs: 0)
    var long = EWMAEstimator(segmentDurationMs: 3000)
    long.add(durationMs: 1000, throughputKbps: 1000, latencyMs: 0)
    long.add(durationMs: 5000, throughputKbps: 9000, latencyMs: 0)
    #expect(long.throughputKbps! > short.throughputKbps!)
  }
}
