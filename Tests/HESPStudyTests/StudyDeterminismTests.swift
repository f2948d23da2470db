import Foundation
import HESPStudy
import HESPTestSupport
import Testing

/// The same inputs give the same bytes, in every file of the output (DESIGN.md §6).
@Suite struct StudyDeterminismTests {
  @Test func twoRunsOfTheSameStudyWriteIdenticalFiles() async throws {
    let scratch = try TemporaryDirectory(prefix: "study-twice")
    let first = try StudyFixture.files(
      in: try await StudyFixture.run(live: true, in: scratch, name: "a", timelines: true))
    let second = try StudyFixture.files(
      in: try await StudyFixture.run(live: true, in: scratch, name: "b", timelines: true))
    #expect(first.keys.sorted() == second.keys.sorted())
    for (name, data) in first { #expect(data == second[name], "\(name) differs") }
  }

  @Test func timelineFilesAreNamedAfterTheirSessionTraceProtocolAndABR() async throws {
    let scratch = try TemporaryDirectory(prefix: "study-timelines")
    let output = try await StudyFixture.run(live: false, in: scratch, timelines: true)
    let names = try FileManager.default.contentsOfDirectory(
      atPath: output.appendingPathComponent("timelines").path
    ).sorted()
    // Per session its timeline and its ABR decisions.
    #expect(names.count == 2 * StudyFixture.sessionCount)
    #expect(names.first == "000-4Glogs_report_bus_0001.json-hesp-throughput-decisions.csv")
    #expect(names.dropFirst().first == "000-4Glogs_report_bus_0001.json-hesp-throughput.svg")
    #expect(names.last == "031-network.json-dash-bola.svg")
    let decisions = try String(
      contentsOf: output.appendingPathComponent(
        "timelines/000-4Glogs_report_bus_0001.json-hesp-throughput-decisions.csv"),
      encoding: .utf8
    ).split(separator: "\n")
    #expect(
      decisions.first == "time_ms,buffer_ms,throughput_kbps,latency_ms,quality,wanted_quality")
    #expect(decisions.count > 2)
    // results.json carries no decisions (the same file with or without --timelines).
    let results = try String(
      contentsOf: output.appendingPathComponent("results.json"), encoding: .utf8)
    #expect(!results.contains("decisions"))
    let report = try String(
      contentsOf: output.appendingPathComponent("report.html"), encoding: .utf8)
    #expect(report.contains("timelines/000-4Glogs_report_bus_0001.json-hesp-throughput.svg"))
  }

  @Test func noOutputNamesAnAbsolutePath() async throws {
    let scratch = try TemporaryDirectory(prefix: "study-paths")
    let files = try StudyFixture.files(
      in: try await StudyFixture.run(live: false, in: scratch, timelines: true))
    let root = Repository.root.path
    for (name, data) in files {
      #expect(!String(decoding: data, as: UTF8.self).contains(root), "\(name) names \(root)")
    }
  }
}
