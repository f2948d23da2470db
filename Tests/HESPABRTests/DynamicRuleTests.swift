import HESPABR
import Testing

@Suite struct DynamicRuleTests {
  let rule = DynamicRule(
    bola: BOLA(ladder: sabreLadder, bufferSizeMs: 25_000), throughput: ThroughputRule())

  @Test func itStartsWithTheThroughputRule() {
    var state = rule.initialState
    let decision = rule.decide(context(bufferMs: 3000, throughputKbps: 3000), state: &state)
    #expect(!state.usesBOLA)
    var throughputState = ThroughputRule().initialState
    #expect(
      decision
        == ThroughputRule().decide(
          context(bufferMs: 3000, throughputKbps: 3000), state: &throughputState))
  }

  @Test func itMovesToBOLAAboveTenSecondsWhenBOLAIsAtLeastAsHigh() {
    var state = rule.initialState
    state.bola.lastQuality = 9
    _ = rule.decide(context(bufferMs: 20_000, throughputKbps: 100_000, segment: 50), state: &state)
    #expect(state.usesBOLA)
  }

  @Test func aReplacementSendsItBackToTheThroughputRule() {
    var state = rule.initialState
    state.usesBOLA = true
    let report = DownloadReport(
      segmentIndex: 3, quality: 2, sizeBits: 1000, downloadedBits: 1000, timeMs: 100,
      timeToFirstBitMs: 10, isReplacement: true)
    rule.didDownload(report, context: context(bufferMs: 9000), state: &state)
    #expect(!state.usesBOLA)
  }
}
