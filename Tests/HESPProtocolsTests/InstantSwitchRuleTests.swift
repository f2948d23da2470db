import HESPABR
import Testing

@Suite struct InstantSwitchRuleTests {
  let ladder = QualityLadder(
    bitratesKbps: [600, 1200, 3000], segmentDurationMs: 500, segmentCount: 100)

  func decide(
    _ rule: InstantSwitchRule, from quality: Int, throughputKbps: Double, bufferMs: Double
  ) -> Int {
    var state = InstantSwitchRule.State(quality: quality)
    let context = DecisionContext(
      ladder: ladder, segmentIndex: 1, bufferLevelMs: bufferMs, throughputKbps: throughputKbps,
      latencyMs: 50)
    return rule.decide(context, state: &state).quality
  }

  @Test func itSwitchesDownAtOnceWhenTheCurrentRungNoLongerFits() {
    // 0.9 x 2,000 = 1,800 < 3,000: straight to 1,200 kbit/s, skipping no rung it can still afford.
    #expect(decide(InstantSwitchRule(), from: 2, throughputKbps: 2_000, bufferMs: 1_000) == 1)
    #expect(decide(InstantSwitchRule(), from: 2, throughputKbps: 700, bufferMs: 1_000) == 0)
  }

  @Test func itSwitchesUpOnlyWhenTheNewRungIsSustainableWithAMargin() {
    // 0.7 x 4,000 = 2,800 < 3,000: stays at 1,200; 0.7 x 4,500 = 3,150: goes to 3,000.
    #expect(decide(InstantSwitchRule(), from: 1, throughputKbps: 4_000, bufferMs: 1_000) == 1)
    #expect(decide(InstantSwitchRule(), from: 1, throughputKbps: 4_500, bufferMs: 1_000) == 2)
    // Not with a low buffer.
    #expect(decide(InstantSwitchRule(), from: 1, throughputKbps: 4_500, bufferMs: 300) == 1)
  }

  @Test func aVeryLowBufferDropsOneRungBelowAMarginalOne() {
    // 3,000 fits 0.9 x 3,500 but not 0.7 x 3,500; with 100 ms of buffer the rule steps down.
    #expect(decide(InstantSwitchRule(), from: 2, throughputKbps: 3_500, bufferMs: 100) == 1)
    #expect(decide(InstantSwitchRule(), from: 2, throughputKbps: 3_500, bufferMs: 1_000) == 2)
  }
}
