import Foundation
import FoundationNetworking
import HESPTestSupport
import Testing

/// `hesp serve` as a user runs it: one URL line once it accepts connections, graceful stop on
/// SIGINT/SIGTERM, one-line errors.
@Suite struct ServeCommandTests {
  static let package = Repository.fixture("Serve/tiny").path

  @Test(arguments: [SIGINT, SIGTERM])
  func itPrintsItsURLServesAndStopsGracefullyOnASignal(signal: Int32) async throws {
    let scratch = try TemporaryDirectory(prefix: "serve-cli")
    let output = scratch.file("stdout")
    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
    let process = Process()
    process.executableURL = try Command.hesp().executable
    process.arguments = ["serve", Self.package, "--port", "0", "--no-access-log"]
    process.standardOutput = try FileHandle(forWritingTo: output)
    process.standardError = FileHandle.nullDevice
    try process.run()
    defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
    var line = ""
    let deadline = Date().addingTimeInterval(20)
    while !line.hasSuffix("\n") && Date() < deadline {
      usleep(20_000)
      line = String(decoding: (try? Data(contentsOf: output)) ?? Data(), as: UTF8.self)
    }
    let url = line.trimmingCharacters(in: .newlines)
    #expect(
      url.range(of: #"^http://127\.0\.0\.1:[0-9]+$"#, options: .regularExpression) != nil, "\(line)"
    )
    let (manifest, _) = try await URLSession.shared.data(
      from: URL(string: url + "/tiny/manifest.json")!)
    #expect(
      manifest == (try Data(contentsOf: URL(fileURLWithPath: Self.package + "/manifest.json"))))
    let stopped = Date()
    kill(process.processIdentifier, signal)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(Date().timeIntervalSince(stopped) < 5)
  }

  @Test func aFolderThatIsNotAPackageIsOneLineAndExit1() throws {
    let scratch = try TemporaryDirectory(prefix: "serve-bad")
    let result = try Command.hesp().run(["serve", scratch.url.path, "--port", "0"])
    #expect(result.status == 1)
    #expect(
      result.standardError
        == "hesp serve: error: \(scratch.url.path): not a hesp package (no manifest.json)\n")
    let missing = try Command.hesp().run(["serve", "/nonexistent/pkg", "--port", "0"])
    #expect(missing.status == 1)
    #expect(missing.standardError == "hesp serve: error: /nonexistent/pkg: no such folder\n")
  }

  @Test func aPortInUseIsOneLineAndExit1() throws {
    let first = Process()
    first.executableURL = try Command.hesp().executable
    let scratch = try TemporaryDirectory(prefix: "serve-port")
    let output = scratch.file("stdout")
    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
    first.arguments = ["serve", Self.package, "--port", "0", "--no-access-log"]
    first.standardOutput = try FileHandle(forWritingTo: output)
    first.standardError = FileHandle.nullDevice
    try first.run()
    defer { kill(first.processIdentifier, SIGKILL) }
    var line = ""
    let deadline = Date().addingTimeInterval(20)
    while !line.hasSuffix("\n") && Date() < deadline {
      usleep(20_000)
      line = String(decoding: (try? Data(contentsOf: output)) ?? Data(), as: UTF8.self)
    }
    let port = try #require(
      line.trimmingCharacters(in: .newlines).split(separator: ":").last.map(String.init))
    let second = try Command.hesp().run(["serve", Self.package, "--port", port])
    #expect(second.status == 1)
    let errors = second.standardError.split(separator: "\n").filter { $0.contains("error") }
    #expect(
      errors == ["hesp serve: error: 127.0.0.1:\(port): cannot listen (Address already in use)"],
      "\(second.standardError)")
  }

  @Test(arguments: [
    ["serve"], ["serve", "x", "--port", "70000"], ["serve", "x", "--idle-timeout", "0"],
  ])
  func usageErrorsExit64(arguments: [String]) throws {
    let result = try Command.hesp().run(arguments)
    #expect(result.status == 64)
  }
}
