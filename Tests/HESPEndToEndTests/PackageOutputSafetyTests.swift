import Foundation
import HESPTestSupport
import Testing

/// `hesp package -o OUT [--force]` never destroys what hesp did not make (issue 12): each
/// refusal is one line naming the path and the reason, a non-zero exit, and nothing touched.
@Suite struct PackageOutputSafetyTests {
  static let fast = ["--quiet", "--frames", "2", "--ladder", "180p@300k"]

  /// A scratch folder holding a copy of the clip and a file of the user's.
  static func userFolder() throws -> TemporaryDirectory {
    let scratch = try TemporaryDirectory(prefix: "safety")
    try FileManager.default.copyItem(at: Fixture.clip, to: scratch.file("in.mp4"))
    try Data("mine".utf8).write(to: scratch.file("notes.txt"))
    return scratch
  }

  static func expectRefused(_ result: Command.Output, _ line: String) {
    #expect(result.status == 1)
    #expect(result.standardError == "hesp package: error: \(line)\n")
    #expect(result.standardOutput.isEmpty)
  }

  @Test func forceOntoTheWorkingDirectoryHoldingTheInputIsRefusedAndDeletesNothing() throws {
    let scratch = try Self.userFolder()
    let result = try Command.hesp().run(
      ["package", "in.mp4", "-o", ".", "--force"] + Self.fast, in: scratch.url)
    Self.expectRefused(
      result, ".: is the working directory or one of its parents; choose another output")
    #expect(scratch.entries().sorted() == ["in.mp4", "notes.txt"])
  }

  @Test func forceOntoAParentOfTheWorkingDirectoryIsRefused() throws {
    let scratch = try Self.userFolder()
    let inner = scratch.file("inner")
    try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: false)
    let result = try Command.hesp().run(
      ["package", "../in.mp4", "-o", "..", "--force"] + Self.fast, in: inner)
    Self.expectRefused(
      result, "..: is the working directory or one of its parents; choose another output")
    #expect(scratch.entries().sorted() == ["in.mp4", "inner", "notes.txt"])
  }

  @Test func forceOntoAFolderHoldingTheInputIsRefused() throws {
    let scratch = try Self.userFolder()
    let input = scratch.file("in.mp4").path
    let result = try Command.hesp().run(
      ["package", input, "-o", scratch.url.path, "--force"] + Self.fast)
    Self.expectRefused(
      result,
      "\(scratch.url.path): holds an input of this command (\(input)); choose another output")
    #expect(scratch.entries().sorted() == ["in.mp4", "notes.txt"])
  }

  @Test func theInputItselfIsRefusedAsOutput() throws {
    let scratch = try Self.userFolder()
    let result = try Command.hesp().run(
      ["package", "in.mp4", "-o", "in.mp4", "--force"] + Self.fast, in: scratch.url)
    Self.expectRefused(result, "in.mp4: is an input of this command; choose another output")
    #expect(try Data(contentsOf: scratch.file("in.mp4")) == Data(contentsOf: Fixture.clip))
  }

  @Test func forceOntoAFolderHespDidNotWriteIsRefused() throws {
    let scratch = try Self.userFolder()
    let photos = scratch.file("photos")
    try FileManager.default.createDirectory(at: photos, withIntermediateDirectories: false)
    try Data("jpeg".utf8).write(to: photos.appendingPathComponent("a.jpg"))
    let result = try Command.hesp().run(
      ["package", "in.mp4", "-o", "photos", "--force"] + Self.fast, in: scratch.url)
    Self.expectRefused(
      result,
      "photos: hesp did not write this folder (no .hesp-output); --force replaces only hesp outputs"
    )
    #expect(try FileManager.default.contentsOfDirectory(atPath: photos.path) == ["a.jpg"])
    #expect(scratch.entries().sorted() == ["in.mp4", "notes.txt", "photos"])
  }

  @Test func forceReplacesAPreviousPackageAndLeavesNothingElse() throws {
    let scratch = try Self.userFolder()
    let hesp = try Command.hesp()
    let first = try hesp.run(["package", "in.mp4", "-o", "out"] + Self.fast, in: scratch.url)
    #expect(first.status == 0, "\(first.standardError)")
    let marker = scratch.file("out/.hesp-output")
    #expect(try String(contentsOf: marker, encoding: .utf8) == "hesp package\n")
    let again = try hesp.run(["package", "in.mp4", "-o", "out"] + Self.fast, in: scratch.url)
    Self.expectRefused(again, "out: output already exists (use --force to replace it)")
    try Data("stale".utf8).write(to: scratch.file("out/old.txt"))
    let forced = try hesp.run(
      ["package", "in.mp4", "-o", "out", "--force", "--baseline"] + Self.fast, in: scratch.url)
    #expect(forced.status == 0, "\(forced.standardError)")
    #expect(MadeClip.linesBesidesBitrate(forced.standardError).isEmpty)
    #expect(!FileManager.default.fileExists(atPath: scratch.file("out/old.txt").path))
    #expect(FileManager.default.fileExists(atPath: scratch.file("out/baseline/manifest.json").path))
    #expect(scratch.entries().sorted() == ["in.mp4", "notes.txt", "out"])
  }

  @Test func anOutputThatAppearsWhilePackagingIsLeftIntactWithAClearError() throws {
    let scratch = try Self.userFolder()
    let out = scratch.file("out")
    let errors = scratch.file("stderr")
    _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
    let process = Process()
    process.executableURL = try Command.hesp().executable
    // veryslow keeps the 30-frame fixture busy long enough for another output to appear.
    process.arguments = [
      "package", Fixture.clip.path, "-o", out.path, "--quiet", "--preset", "veryslow",
      "--ladder", "180p@300k,120p@150k",
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = try FileHandle(forWritingTo: errors)
    try process.run()
    let deadline = Date().addingTimeInterval(20)
    while !scratch.entries().contains(where: { $0.hasPrefix("out.partial-") }) && process.isRunning
      && Date() < deadline
    {
      usleep(2_000)
    }
    #expect(process.isRunning, "the run ended before another output could appear")
    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: false)
    try Data("theirs".utf8).write(to: out.appendingPathComponent("theirs.txt"))
    process.waitUntilExit()
    #expect(process.terminationStatus == 1)
    #expect(
      try String(contentsOf: errors, encoding: .utf8)
        == "hesp package: error: \(out.path): appeared while this run was writing (another run?); left it untouched, this run's output is discarded\n"
    )
    #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["theirs.txt"])
    #expect(scratch.entries().sorted() == ["in.mp4", "notes.txt", "out", "stderr"])
  }

  @Test func aStalePartialOfAKilledRunIsNamedThenRemovedWithForce() throws {
    let scratch = try Self.userFolder()
    let stale = scratch.file("out.partial-999999999-ab")
    try FileManager.default.createDirectory(at: stale, withIntermediateDirectories: false)
    try Data("hesp package\n".utf8).write(to: stale.appendingPathComponent(".hesp-output"))
    let hesp = try Command.hesp()
    let named = try hesp.run(["package", "in.mp4", "-o", "out"] + Self.fast, in: scratch.url)
    #expect(named.status == 0)
    #expect(
      MadeClip.linesBesidesBitrate(named.standardError) == [
        "hesp package: note: out.partial-999999999-ab: left by an interrupted run (process 999999999 has ended); --force removes it"
      ])
    let removed = try hesp.run(
      ["package", "in.mp4", "-o", "out", "--force"] + Self.fast, in: scratch.url)
    #expect(removed.status == 0)
    #expect(
      MadeClip.linesBesidesBitrate(removed.standardError).last?.hasSuffix("has ended); removed")
        == true)
    #expect(scratch.entries().sorted() == ["in.mp4", "notes.txt", "out"])
  }

  @Test func aRunLeavesNothingInTheTemporaryFolder() throws {
    let scratch = try Self.userFolder()
    let temporary = scratch.file("tmp")
    try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: false)
    let result = try Command.hesp().run(
      ["package", "in.mp4", "-o", "out", "--baseline"] + Self.fast, in: scratch.url,
      environment: ["TMPDIR": temporary.path])
    #expect(result.status == 0)
    #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty)
  }
}
