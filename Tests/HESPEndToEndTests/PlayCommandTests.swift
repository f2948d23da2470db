import Foundation
import HESPTestSupport
import Testing

/// `hesp play` as a user runs it, against `hesp serve` as a user runs it.
@Suite struct PlayCommandTests {
  static let package = Repository.fixture("Play/flower").path

  /// Starts `hesp serve` on a free port; returns the process and its URL.
  static func serve(in scratch: TemporaryDirectory) throws -> (Process, String) {
    let output = scratch.file("serve-stdout")
    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
    let process = Process()
    process.executableURL = try Command.hesp().executable
    process.arguments = ["serve", package, "--port", "0", "--no-access-log"]
    process.standardOutput = try FileHandle(forWritingTo: output)
    process.standardError = FileHandle.nullDevice
    try process.run()
    var line = ""
    let deadline = Date().addingTimeInterval(20)
    while !line.hasSuffix("\n") && Date() < deadline {
      usleep(20_000)
      line = String(decoding: (try? Data(contentsOf: output)) ?? Data(), as: UTF8.self)
    }
    return (process, line.trimmingCharacters(in: .newlines))
  }

  @Test func itPrintsTheSessionRowAndWritesTheStudysFiles() throws {
    let scratch = try TemporaryDirectory(prefix: "play-cli")
    let (server, url) = try Self.serve(in: scratch)
    defer {
      kill(server.processIdentifier, SIGTERM)
      server.waitUntilExit()
    }
    let out = scratch.file("out").path
    let result = try Command.hesp().run([
      "play", url + "/flower/", "--protocol", "dash", "--duration", "1", "-o", out,
    ])
    #expect(result.status == 0, "\(result.standardError)")
    let lines = result.standardOutputText.split(separator: "\n")
    #expect(lines.count == 2)
    #expect(lines.first?.hasPrefix("variant,trace,protocol,abr,live,completed,startup_ms,") == true)
    #expect(lines.last?.hasPrefix("flower,network,dash,throughput,false,true,") == true)
    #expect(
      result.standardError.hasPrefix("hesp play: dash throughput: startup "),
      "\(result.standardError)")
    let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
    #expect(
      files == [
        ".hesp-output", "decisions.csv", "requests.csv", "results.json", "sessions.csv",
        "switches.csv",
      ])
    // Each ABR decision of the session with its inputs, as the study's timelines write them.
    let decisions = try String(contentsOfFile: out + "/decisions.csv", encoding: .utf8)
      .split(separator: "\n")
    #expect(
      decisions.first == "time_ms,buffer_ms,throughput_kbps,latency_ms,quality,wanted_quality")
    #expect(decisions.count >= 2, "\(decisions)")
    #expect(decisions.dropFirst().allSatisfy { $0.split(separator: ",").count == 6 })
    let sessions = try String(contentsOfFile: out + "/sessions.csv", encoding: .utf8)
    #expect(sessions == lines.joined(separator: "\n") + "\n")
  }

  @Test func aRefusedConnectionIsOneLineAndExit1() throws {
    // Port 9 (discard) has no listener on loopback here.
    let result = try Command.hesp().run(["play", "http://127.0.0.1:9/flower/manifest.json"])
    #expect(result.status == 1)
    #expect(
      result.standardError
        == "hesp play: error: http://127.0.0.1:9/flower/manifest.json: connection refused\n",
      "\(result.standardError)")
  }
}
