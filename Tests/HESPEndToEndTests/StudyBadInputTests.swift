import Foundation
import HESPTestSupport
import Testing

/// Bad input of `hesp study` (issue 4): one error line naming the option or file and the reason,
/// a non-zero exit, and no output directory.
@Suite struct StudyBadInputTests {
  static let trace = Fixture.repositoryRoot.appendingPathComponent("Fixtures/Traces/network.json")
    .path

  func run(_ arguments: [String], scratch: TemporaryDirectory) throws -> Command.Output {
    try Command.hesp().run(["study", "-o", scratch.file("out").path] + arguments)
  }

  func expectError(_ output: Command.Output, contains parts: [String], scratch: TemporaryDirectory)
  {
    #expect(output.status != 0)
    let lines = output.standardError.split(separator: "\n").filter { $0.contains("error") }
    #expect(lines.count == 1, "\(output.standardError)")
    for part in parts { #expect(output.standardError.contains(part), "\(output.standardError)") }
    #expect(!FileManager.default.fileExists(atPath: scratch.file("out").path))
  }

  @Test func aPackageWithoutAFrameIndexIsRejected() throws {
    let scratch = try TemporaryDirectory(prefix: "study")
    try FileManager.default.createDirectory(
      at: scratch.file("empty"), withIntermediateDirectories: true)
    let output = try run(
      ["--package", scratch.file("empty").path, "--trace", Self.trace], scratch: scratch)
    expectError(output, contains: ["empty", "no frame-index.json"], scratch: scratch)
  }

  @Test func anUnknownProtocolIsRejectedWithTheValidOnes() throws {
    let scratch = try TemporaryDirectory(prefix: "study")
    let output = try run(
      ["--package", scratch.url.path, "--trace", Self.trace, "--protocol", "hesp,hls"],
      scratch: scratch)
    expectError(
      output, contains: ["--protocol", "'hls'", "hesp, ll-dash, ll-hls, dash"], scratch: scratch)
  }

  @Test func anUnknownABRIsRejectedWithTheValidOnes() throws {
    let scratch = try TemporaryDirectory(prefix: "study")
    let output = try run(
      ["--package", scratch.url.path, "--trace", Self.trace, "--abr", "magic"], scratch: scratch)
    expectError(
      output, contains: ["--abr", "'magic'", "throughput", "bola", "hesp"], scratch: scratch)
  }

  @Test func aTargetLatencyBelowOneFrameIsRejected() throws {
    let scratch = try TemporaryDirectory(prefix: "study")
    let package = try PackagedClip.standard.get().directory.path
    let output = try run(
      ["--package", package, "--trace", Self.trace, "--live", "--target-latency", "0.01"],
      scratch: scratch)
    expectError(
      output, contains: ["--target-latency", "0.01 s is below one frame (0.033 s)"],
      scratch: scratch)
  }

  @Test func aTraceShorterThanOneFrameIsRejectedWithItsName() throws {
    let scratch = try TemporaryDirectory(prefix: "study")
    let package = try PackagedClip.standard.get().directory.path
    let trace = scratch.file("short.json")
    try Data(#"[{"duration_ms": 10, "bandwidth_kbps": 1000, "latency_ms": 5}]"#.utf8).write(
      to: trace)
    let output = try run(["--package", package, "--trace", trace.path], scratch: scratch)
    expectError(output, contains: ["short.json", "shorter than one frame"], scratch: scratch)
  }

  @Test func anUnknownReplacementPolicyIsRejectedWithTheValidOnes() throws {
    let scratch = try TemporaryDirectory(prefix: "study")
    let output = try run(
      ["--package", scratch.url.path, "--trace", Self.trace, "--replace", "fast"], scratch: scratch)
    expectError(output, contains: ["--replace", "'fast'", "none, up, all"], scratch: scratch)
  }

  @Test func contradictoryReplacementFlagsAreRejected() throws {
    let scratch = try TemporaryDirectory(prefix: "study")
    let output = try run(
      ["--package", scratch.url.path, "--trace", Self.trace, "--fast-switch", "--no-replace"],
      scratch: scratch)
    expectError(output, contains: ["--fast-switch", "--no-replace"], scratch: scratch)
  }

  @Test func emptyOrRepeatedListEntriesAreRejected() throws {
    let scratch = try TemporaryDirectory(prefix: "study")
    let empty = try run(
      ["--package", scratch.url.path, "--trace", Self.trace, "--protocol", "hesp,,dash"],
      scratch: scratch)
    expectError(empty, contains: ["--protocol", "empty entry"], scratch: scratch)
    let twice = try run(
      ["--package", scratch.url.path, "--trace", Self.trace, "--abr", "bola,bola"], scratch: scratch
    )
    expectError(twice, contains: ["--abr", "'bola' is given twice"], scratch: scratch)
  }

  /// `fixed:5` on a 2-rung package is refused, as `simulate` refuses it (one check for both).
  @Test func aFixedQualityAboveTheLadderIsRejected() throws {
    let scratch = try TemporaryDirectory(prefix: "study")
    let package = try PackagedClip.standard.get().directory.path
    let output = try run(
      ["--package", package, "--trace", Self.trace, "--abr", "fixed:5"], scratch: scratch)
    expectError(output, contains: ["--abr fixed:5", "qualities 0...1"], scratch: scratch)
  }
}
