import HESPABR
import Testing

@Suite struct DynamicDashRuleTests {
  let rule = DynamicDashRule(
    bola: BOLAE(ladder: sabreLadder, bufferSizeMs: 25_000), throughput: ThroughputRule())

  @Test func itUsesBOLAEAboveTenSecondsAndThroughputBelowFive() {
    var state = rule.initialState
    _ = rule.decide(context(bufferMs: 8000), state: &state)
    #expect(!state.usesBOLA)
    _ = rule.decide(context(bufferMs: 10_500), state: &state)
    #expect(state.usesBOLA)
    _ = rule.decide(context(bufferMs: 7000), state: &state)
    #expect(state.usesBOLA)  // hysteresis: still BOLA-E between 5 s and 10 s
    _ = rule.decide(context(bufferMs: 4000), state: &state)
    #expect(!state.usesBOLA)
  }

  @Test func onlyTheActiveRuleDecides() {
    var state = rule.initialState
    _ = rule.decide(context(bufferMs: 3000), state: &state)
    #expect(state.bola.phase == .startup)
    #expect(state.throughput.insufficientBufferSafety < ThroughputRule.lowBufferSafetyFactorInitial)
  }
}
