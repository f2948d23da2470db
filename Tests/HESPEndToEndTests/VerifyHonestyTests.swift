import Foundation
import HESPTestSupport
import Testing

/// Issue 12 for `hesp verify`: nothing to verify is one line; the header counts the splices
/// checked; a truncated segment is one finding naming the init packets that need it; a
/// `--source` that is not the package's source is an error naming both.
@Suite struct VerifyHonestyTests {
  @Test(arguments: ["missing", "empty", "file"])
  func somethingThatIsNoPackageIsOneLineOnStderr(_ kind: String) throws {
    let scratch = try TemporaryDirectory(prefix: "verify")
    let path = scratch.file(kind)
    if kind == "empty" {
      try FileManager.default.createDirectory(at: path, withIntermediateDirectories: false)
    }
    if kind == "file" { try Data("x".utf8).write(to: path) }
    let result = try Command.hesp().run(["verify", path.path])
    #expect(result.status == 1)
    #expect(result.standardOutput.isEmpty)
    let reason = [
      "missing": "no such directory",
      "empty": "not a hesp package (no manifest.json, no frame-index.json)",
      "file": "not a directory (expected a hesp package folder)",
    ][kind]!
    #expect(result.standardError == "hesp verify: error: \(path.path): \(reason)\n")
  }

  @Test func theHeaderCountsTheSplicesChecked() throws {
    let clip = try PackagedClip.standard.get()
    let result = try Command.hesp().run([
      "verify", clip.directory.path, "--splices", "4", "--quiet",
    ])
    let header = result.standardOutputText.split(separator: "\n").first.map(String.init) ?? ""
    #expect(header == "hesp verify \(clip.directory.path): PASS, 8 splices checked (--splices 4)")
  }

  @Test func aTruncatedSegmentIsOneFindingWithTheInitPacketsThatNeedIt() throws {
    let scratch = try TemporaryDirectory(prefix: "verify")
    let package = scratch.file("package")
    try FileManager.default.copyItem(at: try PackagedClip.standard.get().directory, to: package)
    // Frames 0-14 of track 180p (GOP and segment of 15 frames): the splices of init packets
    // 0-14 read it.
    let segment = package.appendingPathComponent("video/180p/content-0.m4s")
    let bytes = try Data(contentsOf: segment)
    try bytes.prefix(bytes.count / 2).write(to: segment)
    let result = try Command.hesp().run(["verify", package.path, "--quiet"])
    #expect(result.status == 1)
    let lines = result.standardOutputText.split(separator: "\n").map(String.init)
    #expect(lines.first == "hesp verify \(package.path): FAIL, 45 splices checked (--splices all)")
    #expect(lines.contains("1 problem:"), "\(result.standardOutputText)")
    let finding = try #require(lines.last)
    #expect(
      finding.hasPrefix(
        "  video/180p/content-0.m4s at byte \(bytes.count / 2): truncated: has \(bytes.count / 2) of the \(bytes.count) bytes"
      ))
    #expect(finding.hasSuffix("; the splices of init packets 0-14 need it and are not decoded"))
  }

  @Test func aDifferentClipAsSourceIsAnErrorNamingBoth() throws {
    let scratch = try TemporaryDirectory(prefix: "verify")
    let clip = try PackagedClip.standard.get()
    let hesp = try Command.hesp()
    // Same size, rate and frame count, other pictures.
    let other = try MadeClip.testPattern("other.mp4", in: scratch)
    let result = try hesp.run([
      "verify", clip.directory.path, "--splices", "2", "--source", other.path, "--quiet",
    ])
    #expect(result.status == 1)
    let finding = try #require(
      result.standardOutputText.split(separator: "\n").last.map(String.init))
    #expect(
      finding.hasPrefix(
        "  \(other.path) at byte 0: does not match the package \(clip.directory.path): track "))
    #expect(finding.contains("dB PSNR-Y against it,"))
    #expect(!result.standardOutputText.contains("PSNR-Y loss"))
    // Another rate.
    let slower = try MadeClip.testPattern("slower.mp4", rate: 25, in: scratch)
    let rate = try hesp.run([
      "verify", clip.directory.path, "--splices", "2", "--source", slower.path, "--quiet",
    ])
    #expect(rate.status == 1)
    #expect(
      rate.standardOutputText.contains(
        "\(slower.path) at byte 0: does not match the package \(clip.directory.path): the source has 25 frames at 25.000 fps, the package 30 frames at 30.000 fps"
      ))
    // The real source passes.
    let real = try hesp.run([
      "verify", clip.directory.path, "--splices", "2", "--source", Fixture.clip.path, "--quiet",
    ])
    #expect(real.status == 0, "\(real.standardOutputText)")
    #expect(real.standardOutputText.contains("spliced vs source PSNR-Y loss"))
  }

  @Test func aMissingSourceIsOneLine() throws {
    let clip = try PackagedClip.standard.get()
    let result = try Command.hesp().run(["verify", clip.directory.path, "--source", "nothere.mp4"])
    #expect(result.status == 1 && result.standardOutput.isEmpty)
    #expect(result.standardError == "hesp verify: error: --source nothere.mp4: no such file\n")
  }
}
