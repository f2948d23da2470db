import Testing

@testable import HESPReport

@Suite struct ChartScaleTests {
  @Test func aLinearAxisEndsOnANiceStepAbove() {
    let scale = LinearScale(maxValue: 4.3, pixels: (0, 100), targetTickCount: 5)
    #expect(scale.ticks.map(\.label) == ["0", "1", "2", "3", "4", "5"])
    #expect(scale.position(5) == 100)
    #expect(scale.position(2.5) == 50)
  }

  @Test func fractionalStepsGetDecimals() {
    #expect(
      LinearScale(maxValue: 1, pixels: (0, 100), targetTickCount: 4).ticks.map(\.label) == [
        "0", "0.5", "1",
      ])
    #expect(
      LinearScale(maxValue: 0.9, pixels: (0, 1), targetTickCount: 5).ticks.map(\.label) == [
        "0", "0.2", "0.4", "0.6", "0.8", "1",
      ])
  }

  @Test func niceStepsAreOneTwoOrFiveTimesAPowerOfTen() {
    #expect(LinearScale.niceStep(0.83) == 1)
    #expect(LinearScale.niceStep(1.67) == 2)
    #expect(LinearScale.niceStep(3.2) == 5)
    #expect(LinearScale.niceStep(720) == 1000)
  }

  @Test func aLogAxisSpansWholeDecadesWithLabelledDecades() {
    let scale = LogScale(minValue: 42, maxValue: 5800, pixels: (0, 300))
    #expect(scale.lowerExponent == 1 && scale.upperExponent == 4)
    #expect(scale.ticks.filter(\.isMajor).map(\.label) == ["10", "100", "1000", "10000"])
    #expect(scale.position(100) == 100)
    let minorLabels = scale.ticks.filter { !$0.isMajor }.map(\.label)
    #expect(minorLabels.allSatisfy { $0.isEmpty })
  }

  @Test func aNarrowLogAxisAlsoLabelsTwoAndFive() {
    let scale = LogScale(minValue: 120, maxValue: 800, pixels: (0, 100))
    #expect(scale.ticks.filter { !$0.label.isEmpty }.map(\.label) == ["100", "200", "500", "1000"])
  }

  @Test func numbersAreFormattedWithoutTrailingZerosOrNegativeZero() {
    #expect(Markup.fixed(12.5, decimals: 2) == "12.5")
    #expect(Markup.fixed(-0.001, decimals: 2) == "0")
    #expect(Markup.fixed(0.05, decimals: 2) == "0.05")
    #expect(Markup.fixed(-3.456, decimals: 2) == "-3.46")
    #expect(Markup.cell(55, decimals: 1) == "55.0")
    #expect(Markup.cell(nil, decimals: 1) == "–")
  }
}
