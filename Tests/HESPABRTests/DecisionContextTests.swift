import HESPABR
import Testing

@Suite struct DecisionContextTests {
  @Test(arguments: [(3000.0, 6), (1000.0, 3), (100.0, 0), (100_000.0, 9)])
  func theThroughputQualityIsTheHighestWhoseSegmentArrivesWithinOneSegmentAfterLatency(
    throughput: Double, expected: Int
  ) {
    // latency 75 ms: level q fits when 75 + 3000 * b_q / T <= 3000, i.e. b_q <= 0.975 T.
    #expect(context(bufferMs: 0).quality(forThroughputKbps: throughput) == expected)
  }
}
