import Foundation
import HESPTestSupport
import Testing

/// Issue 14, the demo from anywhere: `hesp demo` finds its bundled clip and traces from any
/// working directory (./Fixtures, else next to or above the executable, links resolved), and
/// names what is missing when `--fixtures` points elsewhere.
@Suite(.serialized) struct DemoFromAnywhereTests {
  @Test func theDemoRunsFromAFolderOutsideTheRepository() throws {
    let scratch = try TemporaryDirectory(prefix: "demo-cwd")
    let result = try Command.hesp().run(["demo", "-o", "out"], in: scratch.url)
    #expect(result.status == 0, "\(result.standardError)")
    #expect(FileManager.default.fileExists(atPath: scratch.file("out/vod/report.html").path))
    #expect(FileManager.default.fileExists(atPath: scratch.file("out/live/report.html").path))
    #expect(
      result.standardOutputText.contains("reports: out/vod/report.html, out/live/report.html"))
  }

  @Test func theDemoRunsThroughALinkToTheExecutable() throws {
    let scratch = try TemporaryDirectory(prefix: "demo-link")
    let bin = scratch.file("bin")
    try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: false)
    let link = bin.appendingPathComponent("hesp")
    try FileManager.default.createSymbolicLink(
      at: link, withDestinationURL: try Command.hesp().executable)
    let result = try Command(executable: link).run(["demo", "-o", "out"], in: scratch.url)
    #expect(result.status == 0, "\(result.standardError)")
    #expect(FileManager.default.fileExists(atPath: scratch.file("out/vod/report.html").path))
  }

  @Test func aFixturesFolderWithoutTheClipIsNamedInOneLine() throws {
    let scratch = try TemporaryDirectory(prefix: "demo-missing")
    let result = try Command.hesp().run(
      ["demo", "--fixtures", "nowhere", "-o", "out"], in: scratch.url)
    #expect(result.status == 1)
    #expect(
      result.standardError
        == "hesp demo: error: --fixtures nowhere: nowhere/Media/bbb-320x180-6s.mp4 not found\n")
    #expect(!FileManager.default.fileExists(atPath: scratch.file("out").path))
  }
}
