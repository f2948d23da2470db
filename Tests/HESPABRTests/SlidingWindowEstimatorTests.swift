import HESPABR
import Testing

@Suite struct SlidingWindowEstimatorTests {
  @Test func theEstimateIsTheMeanOfTheLastThreeSamples() {
    var estimator = SlidingWindowEstimator()
    for (t, l) in [(100.0, 10.0), (200, 20), (300, 30), (400, 40)] {
      estimator.add(durationMs: 1, throughputKbps: t, latencyMs: l)
    }
    #expect(estimator.throughputKbps == 300)
    #expect(estimator.latencyMs == 30)
  }

  @Test func severalWindowsGiveTheMostConservativeEstimate() {
    var estimator = SlidingWindowEstimator(windowSizes: [1, 3])
    for t in [100.0, 200, 600] {
      estimator.add(durationMs: 1, throughputKbps: t, latencyMs: t / 10)
    }
    #expect(estimator.throughputKbps == 300)
    #expect(estimator.latencyMs == 60)
  }
}
