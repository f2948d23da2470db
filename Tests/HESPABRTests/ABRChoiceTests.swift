import HESPABR
import Testing

@Suite struct ABRChoiceTests {
  @Test(arguments: [
    "throughput", "bola", "bolae", "dynamic", "dynamicdash", "bba", "mpc", "fixed:3",
  ])
  func everyListedNameParsesAndPrintsBack(_ name: String) throws {
    let choice = try #require(ABRChoice(name: name))
    #expect(choice.description == name)
  }

  @Test func unknownNamesAreRejected() {
    #expect(ABRChoice(name: "pensieve") == nil)
    #expect(ABRChoice(name: "fixed:x") == nil)
    #expect(ABRChoice(name: "fixed:-1") == nil)
  }

  @Test func theFixedRuleAlwaysPicksItsQuality() {
    let rule = FixedQualityRule(quality: 3)
    var state = rule.initialState
    #expect(rule.firstQuality(state: state) == 3)
    #expect(rule.decide(context(bufferMs: 0), state: &state) == Decision(quality: 3))
  }
}
