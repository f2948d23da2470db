import Foundation
import HESPTestSupport
import Testing

/// `hesp study` and `hesp demo` follow the same output rules as `package` (issue 12): never an
/// input, a folder holding one, `.` or a folder hesp did not write; nothing left but the output.
@Suite struct StudyOutputSafetyTests {
  static let trace = Repository.fixture("Traces/network.json")

  /// A scratch folder with a copy of the study fixture package and a trace, and a file of the user's.
  static func userFolder() throws -> TemporaryDirectory {
    let scratch = try TemporaryDirectory(prefix: "study-safety")
    try FileManager.default.copyItem(at: Repository.fixture("Study/hesp"), to: scratch.file("pkg"))
    try FileManager.default.createDirectory(
      at: scratch.file("traces"), withIntermediateDirectories: false)
    try FileManager.default.copyItem(at: trace, to: scratch.file("traces/network.json"))
    try Data("mine".utf8).write(to: scratch.file("notes.txt"))
    return scratch
  }

  func study(_ arguments: [String], in scratch: TemporaryDirectory) throws -> Command.Output {
    try Command.hesp().run(
      [
        "study", "--package", "pkg", "--trace", "traces", "--content-duration", "5", "--abr",
        "throughput",
      ] + arguments,
      in: scratch.url)
  }

  func expectRefused(_ result: Command.Output, _ line: String, scratch: TemporaryDirectory) throws {
    #expect(result.status == 1)
    #expect(
      result.standardError.hasSuffix("hesp study: error: \(line)\n"), "\(result.standardError)")
    #expect(scratch.entries().sorted() == ["notes.txt", "pkg", "traces"])
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: scratch.file("pkg").path).sorted() == [
        "baseline", "frame-index.json",
      ])
  }

  @Test func theStudyOutputCannotBeItsPackage() throws {
    let scratch = try Self.userFolder()
    try expectRefused(
      try study(["-o", "pkg", "--force"], in: scratch),
      "pkg: is an input of this command; choose another output",
      scratch: scratch)
  }

  @Test func theStudyOutputCannotBeATraceFolderOrTheWorkingDirectory() throws {
    let scratch = try Self.userFolder()
    try expectRefused(
      try study(["-o", "traces", "--force"], in: scratch),
      "traces: is an input of this command; choose another output",
      scratch: scratch)
    try expectRefused(
      try study(["-o", ".", "--force"], in: scratch),
      ".: is the working directory or one of its parents; choose another output", scratch: scratch)
  }

  @Test func aStudyReplacesOnlyWhatHespWrote() throws {
    let scratch = try Self.userFolder()
    let first = try study(["-o", "out"], in: scratch)
    #expect(first.status == 0, "\(first.standardError)")
    let again = try study(["-o", "out"], in: scratch)
    #expect(again.status == 1)
    #expect(
      again.standardError.hasSuffix(
        "hesp study: error: out: output already exists (use --force to replace it)\n"))
    let forced = try study(["-o", "out", "--force"], in: scratch)
    #expect(forced.status == 0)
    #expect(scratch.entries().sorted() == ["notes.txt", "out", "pkg", "traces"])
    try FileManager.default.createDirectory(
      at: scratch.file("photos"), withIntermediateDirectories: false)
    let photos = try study(["-o", "photos", "--force"], in: scratch)
    #expect(photos.status == 1)
    #expect(photos.standardError.contains("photos: hesp did not write this folder"))
  }

  @Test func theDemoOutputCannotHoldItsFixtures() throws {
    let scratch = try TemporaryDirectory(prefix: "demo-safety")
    let result = try Command.hesp().run(
      ["demo", "--fixtures", Repository.fixture("").path, "-o", Repository.root.path, "--force"],
      in: scratch.url)
    #expect(result.status == 1)
    #expect(
      result.standardError.contains("holds an input of this command"), "\(result.standardError)")
  }
}
