import Foundation
import HESPTestSupport
import Testing

/// Every bad input of issue 2: a one-line error naming the thing and the reason, a non-zero
/// exit, and no output directory (complete or partial) left behind.
@Suite struct PackageBadInputTests {
  struct Case: Sendable, CustomStringConvertible {
    var name: String
    /// Builds the input path (and any setup) inside the scratch directory.
    var input: @Sendable (TemporaryDirectory) throws -> String
    var arguments: [String] = []
    /// Substrings the single error line must contain (besides the input/option name).
    var expected: [String]
    var description: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "missing file", input: { $0.file("missing.mp4").path },
      expected: ["missing.mp4", "no such file"]),
    Case(
      name: "text file", input: { _ in Fixture.media("not-a-video.txt").path },
      expected: ["not-a-video.txt", "not a media file"]),
    Case(
      name: "audio only", input: { _ in Fixture.media("bbb-audio-only-0.5s.m4a").path },
      expected: ["bbb-audio-only-0.5s.m4a", "has no video stream"]),
    Case(
      name: "first 30% of a faststart mp4",
      input: { scratch in try truncated(Fixture.clip, fraction: 0.3, in: scratch) },
      expected: ["truncated.mp4", "truncated or corrupt"]),
    Case(
      name: "first 30% of an mp4 with its moov at the end",
      input: { scratch in
        try truncated(Fixture.media("flower-160x90-moov-at-end.mp4"), fraction: 0.3, in: scratch)
      },
      expected: ["truncated.mp4", "truncated or corrupt"]),
    Case(
      name: "rung larger than the source", input: { _ in Fixture.clip.path },
      arguments: ["--ladder", "720p@3000k"],
      expected: ["--ladder", "720p@3000k", "1280x720 is larger than the source (320x180)"]),
    Case(
      name: "GOP shorter than half a frame", input: { _ in Fixture.clip.path },
      arguments: ["--gop", "0.001"],
      expected: ["--gop: 0.001 s rounds to 0 frames at 30 fps (one frame is 0.0333 s"]),
    Case(
      name: "segment shorter than half a frame", input: { _ in Fixture.clip.path },
      arguments: ["--segment-duration", "0.001"],
      expected: ["--segment-duration: 0.001 s rounds to 0 frames at 30 fps"]),
    Case(
      name: "duration shorter than half a frame", input: { _ in Fixture.clip.path },
      arguments: ["--duration", "0.001"],
      expected: ["--duration: 0.001 s rounds to 0 frames at 30 fps"]),
    Case(
      name: "GOP beyond any clip", input: { _ in Fixture.clip.path },
      arguments: ["--gop", "1e300"],
      expected: ["--gop: must be at most 1000000 seconds"]),
    Case(
      name: "malformed rung", input: { _ in Fixture.clip.path },
      arguments: ["--ladder", "180p@fast"],
      expected: ["--ladder", "180p@fast", "bitrate"]),
    Case(
      name: "rung without a bitrate", input: { _ in Fixture.clip.path },
      arguments: ["--ladder", "180p"],
      expected: ["--ladder", "180p", "expected"]),
    Case(
      name: "zero GOP", input: { _ in Fixture.clip.path }, arguments: ["--gop", "0"],
      expected: ["--gop", "positive"]),
    Case(
      name: "negative segment duration", input: { _ in Fixture.clip.path },
      arguments: ["--segment-duration=-2"],
      expected: ["--segment-duration", "positive"]),
    Case(
      name: "zero duration", input: { _ in Fixture.clip.path }, arguments: ["--duration", "0"],
      expected: ["--duration", "positive"]),
    Case(
      name: "negative frame count", input: { _ in Fixture.clip.path }, arguments: ["--frames=-5"],
      expected: ["--frames", "positive"]),
    Case(
      name: "zero init interval", input: { _ in Fixture.clip.path },
      arguments: ["--init-interval", "0"],
      expected: ["--init-interval", "positive"]),
    Case(
      name: "unknown preset", input: { _ in Fixture.clip.path },
      arguments: ["--preset", "warpspeed"],
      expected: ["--preset", "warpspeed"]),
  ]

  static func truncated(_ source: URL, fraction: Double, in scratch: TemporaryDirectory) throws
    -> String
  {
    let data = try Data(contentsOf: source)
    let url = scratch.file("truncated.mp4")
    try data.prefix(Int(Double(data.count) * fraction)).write(to: url)
    return url.path
  }

  @Test(arguments: cases) func badInputFailsWithOneLineNamingItAndLeavesNoOutput(_ testCase: Case)
    throws
  {
    let scratch = try TemporaryDirectory(prefix: "bad")
    let input = try testCase.input(scratch)
    let out = scratch.file("out")
    let result = try Command.hesp().run(
      ["package", input, "-o", out.path, "--quiet"] + testCase.arguments)
    #expect(result.status != 0)
    let lines = result.standardError.split(separator: "\n")
    #expect(lines.count == 1, "stderr: \(result.standardError)")
    for expected in testCase.expected {
      #expect(
        result.standardError.contains(expected), "'\(expected)' missing in: \(result.standardError)"
      )
    }
    #expect(!FileManager.default.fileExists(atPath: out.path))
    #expect(!scratch.entries().contains { $0.hasPrefix("out.partial-") })
  }

  @Test func anExistingFolderHespDidNotWriteIsRefusedWithoutForce() throws {
    let scratch = try TemporaryDirectory(prefix: "exists")
    let out = scratch.file("out")
    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: false)
    try Data("keep me".utf8).write(to: out.appendingPathComponent("mine.txt"))
    let result = try Command.hesp().run([
      "package", Fixture.clip.path, "-o", out.path, "--quiet", "--frames", "2",
    ])
    #expect(result.status != 0)
    #expect(result.standardError.split(separator: "\n").count == 1)
    #expect(result.standardError.contains("out: already exists and hesp did not write it"))
    #expect(
      try String(contentsOf: out.appendingPathComponent("mine.txt"), encoding: .utf8) == "keep me")
    #expect(scratch.entries().sorted() == ["out"])
  }

  @Test func anOutputInsideAFileIsNotWritable() throws {
    let scratch = try TemporaryDirectory(prefix: "unwritable")
    let blocker = scratch.file("a-file")
    try Data("x".utf8).write(to: blocker)
    let out = blocker.appendingPathComponent("out")
    let result = try Command.hesp().run(["package", Fixture.clip.path, "-o", out.path, "--quiet"])
    #expect(result.status != 0)
    #expect(result.standardError.split(separator: "\n").count == 1)
    #expect(result.standardError.contains("a-file/out: output is not writable"))
    #expect(scratch.entries() == ["a-file"])
  }
}
