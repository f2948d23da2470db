import Testing

@testable import HESPCore

@Suite struct ClusterBootstrapTests {
  @Test func theSameSeedGivesTheSameInterval() throws {
    let clusters = [[100.0, 120, 130], [300, 310], [200, 210, 220, 230], [150]]
    let a = try #require(ClusterBootstrap().interval(clusters: clusters))
    let b = try #require(ClusterBootstrap().interval(clusters: clusters))
    #expect(a == b)
    #expect(a.low <= a.high)
  }

  /// The interval always holds the point estimate's neighbourhood: it lies within the range of
  /// the samples, and covers the pooled median of these well-mixed clusters.
  @Test func theIntervalLiesWithinTheSamplesAndCoversTheMedian() throws {
    let clusters: [[Double]] = (0..<10).map { (i: Int) -> [Double] in
      (0..<20).map { (j: Int) -> Double in Double(100 + 7 * ((i * 20 + j) % 23)) }
    }
    let all = clusters.flatMap { $0 }.sorted()
    let median = LatencySummary.percentile(sorted: all, 50)
    let interval = try #require(ClusterBootstrap().interval(clusters: clusters))
    #expect(interval.low >= all[0] && interval.high <= all[all.count - 1])
    #expect(interval.low <= median && median <= interval.high)
  }

  /// One cluster with most of the samples: the interval is wide (it resamples traces, not
  /// switches), wider than a bootstrap that treated every switch alone.
  @Test func oneDominantClusterWidensTheInterval() throws {
    var dominant: [[Double]] = [Array(repeating: 50.0, count: 200)]
    for i in 0..<5 { dominant.append(Array(repeating: 400 + Double(i) * 10, count: 5)) }
    let interval = try #require(ClusterBootstrap().interval(clusters: dominant))
    #expect(interval.low == 50)
    #expect(interval.high >= 400)
  }

  @Test func fewerThanTwoClustersWithSamplesGiveNoInterval() {
    #expect(ClusterBootstrap().interval(clusters: [[1, 2, 3]]) == nil)
    #expect(ClusterBootstrap().interval(clusters: [[1, 2, 3], []]) == nil)
  }

  @Test func boundedDrawsStayInRangeAndAreReproducible() {
    var a = SplitMix64(seed: 7)
    var b = SplitMix64(seed: 7)
    for bound in [1, 2, 3, 10, 1_000] {
      for _ in 0..<100 {
        let x = a.next(below: bound)
        #expect(x >= 0 && x < bound)
        #expect(x == b.next(below: bound))
      }
    }
  }
}
