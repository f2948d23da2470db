import HESPABR
import Testing

@Suite struct RobustMPCTests {
  let mpc = RobustMPC()

  @Test func aFastLinkAndAFullBufferGiveTheTopQuality() {
    var state = mpc.initialState
    state.samplesKbps = [100_000]
    #expect(mpc.decide(context(bufferMs: 20_000), state: &state).quality == 9)
  }

  @Test func aSlowLinkAndAnEmptyBufferGiveTheLowestQuality() {
    var state = mpc.initialState
    state.samplesKbps = [200]
    #expect(mpc.decide(context(bufferMs: 0), state: &state).quality == 0)
  }

  @Test func thePredictionIsTheHarmonicMeanDiscountedByTheLargestRecentError() {
    var state = mpc.initialState
    state.samplesKbps = [1000, 4000]
    state.lastPredictionKbps = 2000
    _ = mpc.decide(context(bufferMs: 10_000), state: &state)
    // Harmonic mean of 1000 and 4000 = 1600; error of the newest sample = |2000 - 4000| / 4000.
    #expect(state.lastPredictionKbps == 1600)
    #expect(state.errors == [0.5])
  }

  @Test func withoutASampleTheSessionEstimateStandsIn() {
    var state = mpc.initialState
    _ = mpc.decide(context(bufferMs: 3000, throughputKbps: 2500), state: &state)
    #expect(state.samplesKbps == [2500])
    #expect(state.errors == [0])
  }

  @Test func samplesIncludeTheTimeToFirstByteAndKeepTheLastFive() {
    var state = mpc.initialState
    for i in 1...7 {
      let report = DownloadReport(
        segmentIndex: i, quality: 0, sizeBits: Double(i) * 1000, downloadedBits: Double(i) * 1000,
        timeMs: 10, timeToFirstBitMs: 5)
      mpc.didDownload(report, context: context(bufferMs: 0), state: &state)
    }
    #expect(state.samplesKbps == [300, 400, 500, 600, 700])
  }

  @Test func theHorizonShrinksAtTheEndOfTheContent() {
    var state = mpc.initialState
    state.samplesKbps = [100_000]
    #expect(mpc.decide(context(bufferMs: 20_000, segment: 198), state: &state).quality == 9)
  }
}
