import Foundation
import HESPStudy
import HESPTestSupport
import Testing

/// The study's outputs are the numbers users publish: `table.txt`, `summary.json`,
/// `sessions.csv` and `switches.csv` of a small study on the fixtures are compared byte for byte
/// with `Fixtures/Golden/study/`. A change to a protocol model, an ABR or an output format shows
/// up here as a golden diff to review; rewrite them with
/// `HESP_UPDATE_GOLDEN=1 swift test --filter HESPStudyTests`.
@Suite struct StudyGoldenTests {
  @Test(arguments: [false, true])
  func theStudyOutputsMatchTheirGoldenFiles(live: Bool) async throws {
    let scratch = try TemporaryDirectory(prefix: "study-golden")
    let output = try await StudyFixture.run(live: live, in: scratch)
    for name in StudyFixture.goldenFiles {
      let actual = try String(contentsOf: output.appendingPathComponent(name), encoding: .utf8)
      let expected = try GoldenFile.expected(
        "study/\(live ? "live" : "vod")/\(name)", actual: actual)
      #expect(actual == expected, "\(name): \(GoldenFile.firstDifference(actual, expected))")
    }
  }

  @Test func theOutcomeTableIsTheTableFileWithoutItsFinalNewline() async throws {
    let scratch = try TemporaryDirectory(prefix: "study-outcome")
    let outcome = try await Study.run(
      try StudyFixture.plan(live: false), writingInto: scratch.file("out"))
    let file = try String(contentsOf: scratch.file("out/table.txt"), encoding: .utf8)
    #expect(outcome.table + "\n" == file)
    #expect(outcome.sessions.count == StudyFixture.sessionCount)
    #expect(outcome.notes.first?.hasPrefix("Headline, ABR throughput for every protocol: ") == true)
    let sizes = outcome.notes.filter { $0.contains(" sizes: ") }
    #expect(
      sizes.map { String($0.prefix(12)) } == [
        "hesp sizes: ", "ll-dash size", "ll-hls sizes", "dash sizes: ",
      ])
    #expect(sizes[1].contains("baseline package baseline: "))
  }
}
