import Testing

@testable import HESPEmulation

/// Issue 18's agreement rule: times within 10 % or 25 ms, whichever is larger; switch counts within 1.
@Suite struct EmulationComparisonTests {
  @Test(arguments: [
    (simulated: 1000.0, emulated: 1099.0, agrees: true),
    (simulated: 1000.0, emulated: 1101.0, agrees: false),
    (simulated: 1000.0, emulated: 899.0, agrees: false),
    (simulated: 100.0, emulated: 124.0, agrees: true),
    (simulated: 100.0, emulated: 126.0, agrees: false),
  ])
  func timesAgreeWithinTenPercentOrTwentyFiveMilliseconds(
    simulated: Double, emulated: Double, agrees: Bool
  ) {
    #expect(EmulationComparison.agree(simulated, emulated) == agrees)
  }

  @Test func aTimeOnOneSideOnlyDisagreesAndNoneOnEitherAgrees() {
    #expect(!EmulationComparison.agree(nil, 300))
    #expect(!EmulationComparison.agree(300, nil))
    #expect(EmulationComparison.agree(nil, nil))
  }

  @Test func aRowAgreesOnlyWhenStartupSwitchLatencyAndSwitchCountAllDo() {
    var row = EmulationComparison.Row(
      variant: "pkg", trace: "t.json", protocolName: "hesp", abr: "throughput",
      simulatedStartupMs: 400,
      emulatedStartupMs: 420, simulatedSwitchP50Ms: 300, emulatedSwitchP50Ms: 310,
      simulatedSwitches: 4, emulatedSwitches: 5)
    #expect(row.agrees)
    #expect(row.startupDeviationMs == 20)
    row.emulatedSwitches = 6
    #expect(!row.agrees && row.startupAgrees && row.switchP50Agrees && !row.switchCountAgrees)
  }
}
