import Foundation
import HESPTestSupport
import Testing

/// `hesp verify` as a command: exit status 0 on a good package, 1 with `FILE at byte N` lines on
/// a bad one, a one-line usage error for a bad option, byte-identical `--json`.
@Suite struct VerifyCommandTests {
  @Test func aGoodPackageExitsZeroAndItsJSONIsDeterministic() throws {
    let clip = try PackagedClip.standard.get()
    let hesp = try Command.hesp()
    let text = try hesp.run(["verify", clip.directory.path, "--splices", "4"])
    #expect(text.status == 0, "\(text.standardOutputText)")
    #expect(text.standardOutputText.contains("PASS"))
    // Progress on stderr (a log, not a terminal: whole lines), ending with all 8 splices.
    let lastLine = text.standardError.split(separator: "\n").last.map(String.init) ?? ""
    #expect(lastLine.hasPrefix("verifying: 8/8 splices (100%), "), "\(text.standardError)")
    let quiet = try hesp.run(["verify", clip.directory.path, "--splices", "4", "--quiet"])
    #expect(quiet.status == 0 && quiet.standardError.isEmpty)
    let first = try hesp.run(["verify", clip.directory.path, "--splices", "3", "--json"])
    let second = try hesp.run(["verify", clip.directory.path, "--splices", "3", "--json"])
    #expect(first.status == 0 && first.standardOutput == second.standardOutput)
    let report = try JSONSerialization.jsonObject(with: first.standardOutput) as? [String: Any]
    #expect(report?["passed"] as? Bool == true)
  }

  @Test func strictFailsOnAPlainPackageAndPassesWithSpliceSafeFrameNum() throws {
    let hesp = try Command.hesp()
    let plain = try hesp.run(["verify", try PackagedClip.standard.get().directory.path, "--strict"])
    #expect(plain.status == 1)
    #expect(plain.standardOutputText.contains("frame_num gap after the init IDR"))
    let safe = try PackagedClip(extraArguments: ["--splice-safe-frame-num"])
    #expect(safe.status == 0, "\(safe.standardError)")
    let report = try JSONSerialization.jsonObject(with: safe.standardOutput) as? [String: Any]
    let settings = report?["settings"] as? [String: Any]
    #expect(settings?["spliceSafeFrameNum"] as? Bool == true)
    let verified = try hesp.run(["verify", safe.directory.path, "--strict", "--json"])
    #expect(verified.status == 0, "\(verified.standardOutputText)")
    let tracks = (try JSONSerialization.jsonObject(with: verified.standardOutput) as? [String: Any])?[
      "tracks"] as? [[String: Any]]
    #expect(tracks?.count == 2)
    #expect(tracks?.allSatisfy { $0["frameNumGapSplices"] as? Int == 0 } == true)
  }

  @Test func aBadSpliceCountIsAUsageError() throws {
    let scratch = try TemporaryDirectory(prefix: "verify")
    let output = try Command.hesp().run(["verify", scratch.url.path, "--splices", "0"])
    #expect(output.status != 0)
    #expect(output.standardError.contains("--splices"))
  }
}
