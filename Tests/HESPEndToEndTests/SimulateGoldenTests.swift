import Foundation
import HESPTestSupport
import Testing

/// What `hesp simulate` prints on the study fixture, byte for byte against
/// `Fixtures/Golden/simulate/` (rewrite with `HESP_UPDATE_GOLDEN=1 swift test --filter
/// SimulateGoldenTests` and review the diff). Run from the repository root with relative paths,
/// as a user types them.
@Suite struct SimulateGoldenTests {
  func expectGolden(_ actual: String, _ name: String) throws {
    let expected = try GoldenFile.expected("simulate/\(name)", actual: actual)
    #expect(actual == expected, "\(name): \(GoldenFile.firstDifference(actual, expected))")
  }

  @Test func oneSessionPrintsSabresSummaryLines() throws {
    let output = try Command.hesp().run(
      [
        "simulate", "Fixtures/Study/hesp", "--trace", "Fixtures/Sabre/4Glogs/report_bus_0001.json",
        "--abr", "bolae", "--movie-length", "10",
      ],
      in: Repository.root)
    #expect(output.status == 0, "\(output.standardError)")
    try expectGolden(output.standardOutputText, "single-bolae.txt")
  }

  @Test func aBatchPrintsItsTableAndWritesItsCSV() throws {
    let scratch = try TemporaryDirectory(prefix: "simulate-golden")
    let csv = scratch.file("sessions.csv")
    let output = try Command.hesp().run(
      [
        "simulate", "Fixtures/Study/hesp", "--trace", "Fixtures/Sabre/4Glogs", "--trace",
        "Fixtures/Sabre/3Glogs",
        "--abr", "bola,throughput", "--movie-length", "10", "--csv", csv.path,
      ],
      in: Repository.root)
    #expect(output.status == 0, "\(output.standardError)")
    try expectGolden(output.standardOutputText, "batch-table.txt")
    try expectGolden(try String(contentsOf: csv, encoding: .utf8), "batch-sessions.csv")
  }
}
