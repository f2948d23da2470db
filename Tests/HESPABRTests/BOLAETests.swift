import HESPABR
import Testing

@Suite struct BOLAETests {
  let bolae = BOLAE(ladder: sabreLadder, bufferSizeMs: 25_000)

  @Test func theBufferTargetIsTenSecondsPlusTwoPerLevelAtLeast() {
    #expect(bolae.bufferTargetMs == 30_000)
    #expect(BOLAE(ladder: sabreLadder, bufferSizeMs: 40_000).bufferTargetMs == 40_000)
  }

  @Test func theFirstDecisionFollowsThroughputAndSetsAPlaceholder() {
    var state = bolae.initialState
    let decision = bolae.decide(context(bufferMs: 3000, throughputKbps: 3000), state: &state)
    #expect(decision == Decision(quality: 6))  // 0.975 x 3000 >= 2056
    #expect(state.phase == .steady)
    #expect(state.placeholderMs > 0)
  }

  @Test func idlingGrowsThePlaceholder() {
    var state = bolae.initialState
    bolae.didIdle(durationMs: 1234, state: &state)
    #expect(state.placeholderMs == 1234)
  }

  @Test func withoutAThroughputSampleItKeepsTheLastQuality() {
    var state = bolae.initialState
    state.lastQuality = 2
    #expect(
      bolae.decide(context(bufferMs: 0, throughputKbps: nil), state: &state) == Decision(quality: 2)
    )
    #expect(state.phase == .startup)
  }

  @Test func theInsufficientBufferRuleOverridesALowBuffer() {
    var state = bolae.initialState
    state.phase = .steady
    state.placeholderMs = 20_000
    state.lastQuality = 7
    // 1 s of buffer at 3000 kbit/s: safe size 0.9 x 925 x 3000 = 2.5 Mbit, so quality <= 3.
    let decision = bolae.decide(context(bufferMs: 1000, throughputKbps: 3000), state: &state)
    #expect(decision.quality <= 3)
    #expect(decision.delayMs == 0)
  }

  @Test func anAbandonmentLowersThePlaceholder() {
    var state = bolae.initialState
    state.phase = .steady
    state.placeholderMs = 20_000
    let report = DownloadReport(
      segmentIndex: 4, quality: 8, sizeBits: 15_000_000, downloadedBits: 1_000_000, timeMs: 2000,
      timeToFirstBitMs: 75, abandonedToQuality: 0)
    bolae.didDownload(report, context: context(bufferMs: 4000), state: &state)
    #expect(state.placeholderMs == BOLAE.minimumBufferMs - 4000)
  }
}
