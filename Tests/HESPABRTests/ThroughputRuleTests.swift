import HESPABR
import Testing

@Suite struct ThroughputRuleTests {
  @Test func itPicksTheHighestQualityUnderNinetyPercentOfTheEstimate() {
    var state = ThroughputRule(insufficientBufferRuleEnabled: false).initialState
    // 0.9 x 3400 = 3060 kbit/s; after 75 ms of latency, 0.975 x 3060 = 2983.5 >= 2962 (level 7).
    let decision = ThroughputRule(insufficientBufferRuleEnabled: false)
      .decide(context(bufferMs: 20_000, throughputKbps: 3400), state: &state)
    #expect(decision == Decision(quality: 7))
  }

  @Test func theInsufficientBufferRuleLowersTheQualityWhenTheBufferIsLow() {
    let rule = ThroughputRule()
    var state = rule.initialState
    // safe size = 0.9 x (1000 - 75) x 3400 = 2.83 Mbit: 688 kbps x 3 s fits, 991 does not.
    let decision = rule.decide(context(bufferMs: 1000, throughputKbps: 3400), state: &state)
    #expect(decision.quality == 3)
  }

  @Test func theInsufficientBufferSafetyDecaysToOneHalf() {
    let rule = ThroughputRule()
    var state = rule.initialState
    for _ in 0..<20 { _ = rule.decide(context(bufferMs: 20_000), state: &state) }
    #expect(state.insufficientBufferSafety == ThroughputRule.lowBufferSafetyFactor)
  }

  @Test func aSlowDownloadIsAbandonedAfterTheGraceTime() {
    let rule = ThroughputRule()
    var state = rule.initialState
    let progress = DownloadReport(
      segmentIndex: 10, quality: 8, sizeBits: 15_000_000, downloadedBits: 500_000, timeMs: 1075,
      timeToFirstBitMs: 75)
    // 500 bits/ms measured: 29 s to go, far beyond 1.8 x 3 s; 0.9 x 500 fits quality 1.
    #expect(
      rule.shouldAbandon(
        progress, bufferLevelMs: 10_000, context: context(bufferMs: 10_000), state: &state) == 1)
    var early = progress
    early.timeMs = 400
    #expect(
      rule.shouldAbandon(
        early, bufferLevelMs: 10_000, context: context(bufferMs: 10_000), state: &state) == nil)
  }
}
