import HESPABR
import Testing

@Suite struct BufferBasedRuleTests {
  let rule = BufferBasedRule()

  @Test func theReservoirPicksTheLowestRateAndAFullCushionTheHighest() {
    var state = rule.initialState
    state.lastQuality = 5
    #expect(rule.decide(context(bufferMs: 4000), state: &state).quality == 0)
    #expect(rule.decide(context(bufferMs: 15_000), state: &state).quality == 9)
  }

  @Test func theRateMapIsLinearBetweenReservoirAndCushion() {
    // Half-way: 230 + (6000 - 230) / 2 = 3115 kbit/s.
    #expect(rule.mappedRateKbps(bufferLevelMs: 10_000, ladder: sabreLadder) == 3115)
  }

  @Test func itStepsUpOnlyWhenTheMapPassesTheNextRate() {
    var state = rule.initialState
    state.lastQuality = 3  // 688 kbit/s; the next rate up is 991
    // f(6 s) = 230 + 5770 x 0.1 = 807: between 688 and 991, so stay.
    #expect(rule.decide(context(bufferMs: 6000), state: &state).quality == 3)
    // f(10 s) = 3115 >= 991: the highest rate below 3115 is 2962 (level 7).
    #expect(rule.decide(context(bufferMs: 10_000), state: &state).quality == 7)
  }

  @Test func itStepsDownToTheLowestRateAboveTheMap() {
    var state = rule.initialState
    state.lastQuality = 7
    // f(6 s) = 807 <= 2056: the lowest rate above 807 is 991 (level 4).
    #expect(rule.decide(context(bufferMs: 6000), state: &state).quality == 4)
  }
}
