import HESPABR
import Testing

@Suite struct BOLATests {
  let basic = BOLA(ladder: sabreLadder, bufferSizeMs: 25_000, variant: .basic)

  @Test func anEmptyBufferPicksTheLowestQualityAndAFullOneTheHighest() {
    var state = basic.initialState
    #expect(basic.decide(context(bufferMs: 0, throughputKbps: 100_000), state: &state).quality == 0)
    state = basic.initialState
    state.lastQuality = 9
    #expect(
      basic.decide(context(bufferMs: 21_000, throughputKbps: 100_000), state: &state).quality == 9)
  }

  @Test func bolaUCapsAnUpwardStepAtTheThroughputQualityPlusOne() {
    let bola = BOLA(ladder: sabreLadder, bufferSizeMs: 25_000, variant: .u)
    var state = bola.initialState
    // A full buffer wants the top quality; 1000 kbit/s sustains quality 3, so BOLA-U goes to 4.
    let decision = bola.decide(
      context(bufferMs: 22_000, throughputKbps: 1000, segment: 50), state: &state)
    #expect(decision == Decision(quality: 4))
    #expect(state.lastQuality == 4)
  }

  @Test func bolaOStaysAtTheThroughputQualityAndWaitsInstead() {
    let bola = BOLA(ladder: sabreLadder, bufferSizeMs: 25_000, variant: .o)
    var state = bola.initialState
    let decision = bola.decide(
      context(bufferMs: 22_000, throughputKbps: 1000, segment: 50), state: &state)
    #expect(decision.quality == 3)
    #expect(decision.delayMs > 0)
  }

  @Test func theBufferTargetShrinksNearTheEndOfTheContent() {
    let bola = BOLA(ladder: sabreLadder, bufferSizeMs: 25_000)
    var state = bola.initialState
    let vpAtStart = state.vp
    _ = bola.decide(context(bufferMs: 5000, segment: 197), state: &state)
    #expect(state.vp < vpAtStart)
  }

  @Test func basicNeverAbandons() {
    var state = basic.initialState
    let progress = DownloadReport(
      segmentIndex: 5, quality: 9, sizeBits: 18_000_000, downloadedBits: 1000, timeMs: 3000,
      timeToFirstBitMs: 75)
    #expect(
      basic.shouldAbandon(
        progress, bufferLevelMs: 1000, context: context(bufferMs: 1000), state: &state) == nil)
  }
}
