import Foundation
import HESPTestSupport
import Testing

/// Runs the built `hesp` binary (built beside this test bundle by `swift build --build-tests`).
/// Runs the built `hesp` through `HESPTestSupport.Command` (one runner for every test target).
enum HESPBinary {
  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static func run(_ arguments: [String]) throws -> Result {
    let output = try Command.hesp().run(arguments)
    return Result(
      status: output.status, stdout: output.standardOutputText, stderr: output.standardError)
  }
}

@Suite struct TraceCommandEndToEndTests {
  @Test func statsPrintsOneTableRowPerFileWithTheDetectedFormat() throws {
    let result = try HESPBinary.run([
      "trace", "stats", Repository.fixture("Traces/network.json").path,
      Repository.fixture("Traces/metro.kalbakken-jernbanetorget-report.2010-09-13_1003CEST.log")
        .path,
    ])
    #expect(result.status == 0)
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.count == 3)
    #expect(lines[0].hasPrefix("file"))
    #expect(
      lines[1].contains("sabre") && lines[1].contains("120.000") && lines[1].contains("3.125"))
    #expect(lines[2].contains("pensieve") && lines[2].contains("191"))
  }

  @Test func statsJSONHasSortedKeysAndKbps() throws {
    let result = try HESPBinary.run([
      "trace", "stats", "--json", Repository.fixture("Traces/network.json").path,
    ])
    #expect(result.status == 0)
    let rows = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
    #expect(rows?.first?["meanKbps"] as? Double == 3125)
    #expect(rows?.first?["format"] as? String == "sabre")
    #expect(result.stdout.contains("\"durationMs\" : 120000,\n    \"file\""))
  }

  @Test func aBadFileFailsTheWholeCommandWithOneLineAndNoTable() throws {
    let bad = FileManager.default.temporaryDirectory.appendingPathComponent(
      "hesp-e2e-bad-\(UUID().uuidString).log")
    try Data("0 1\n1 -2\n".utf8).write(to: bad)
    defer { try? FileManager.default.removeItem(at: bad) }
    let result = try HESPBinary.run([
      "trace", "stats", Repository.fixture("Traces/network.json").path, bad.path,
    ])
    #expect(result.status == 1)
    #expect(result.stdout.isEmpty)
    #expect(
      result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        == "hesp trace stats: error: \(bad.path):2: bandwidth (Mbps) is negative: -2")
  }

  @Test func convertWritesSabreJSONThatReadsBackIntoTheSameStats() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "hesp-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let output = directory.appendingPathComponent("mahimahi.json")
    let convert = try HESPBinary.run([
      "trace", "convert", Repository.fixture("Traces/Verizon-LTE-short-2s.down").path, "--to",
      "sabre", "--mahimahi-bin-ms", "1000",
      "--default-latency-ms", "40", "-o", output.path,
    ])
    #expect(convert.status == 0 && convert.stdout.isEmpty)
    let json = try String(contentsOf: output, encoding: .utf8)
    #expect(
      json.hasPrefix(
        "[\n    {\"duration_ms\": 1000, \"bandwidth_kbps\": 12168, \"latency_ms\": 40},\n"))
    // no temp left
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["mahimahi.json"])
  }

  @Test func convertToCSVGoesToStdout() throws {
    let result = try HESPBinary.run([
      "trace", "convert", Repository.fixture("Traces/network.json").path, "--to", "csv",
    ])
    #expect(result.status == 0)
    #expect(
      result.stdout
        == "time_s,kbps,latency_ms\n0,5000,75\n30,5000,75\n60,3000,150\n90,1500,200\n120,3000,150\n"
    )
  }

  @Test func anUnknownTraceFormatListsTheValidOnes() throws {
    let result = try HESPBinary.run([
      "trace", "stats", "--trace-format", "m3u8", Repository.fixture("Traces/network.json").path,
    ])
    #expect(result.status != 0)
    #expect(result.stderr.contains("valid formats: mahimahi, pensieve, sabre, 5g-csv, csv"))
  }
}
