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

  @Test func aDefaultPackageIsSpliceSafeAndAnOptedOutOneFailsVerifyUnlessGapsAreAllowed() throws {
    let hesp = try Command.hesp()
    let safe = try PackagedClip.standard.get()
    let settings =
      (try JSONSerialization.jsonObject(with: safe.standardOutput) as? [String: Any])?["settings"]
      as? [String: Any]
    #expect(settings?["spliceSafeFrameNum"] as? Bool == true)
    let verified = try hesp.run(["verify", safe.directory.path, "--json", "--quiet"])
    #expect(verified.status == 0, "\(verified.standardOutputText)")
    let tracks =
      (try JSONSerialization.jsonObject(with: verified.standardOutput) as? [String: Any])?[
        "tracks"] as? [[String: Any]]
    #expect(tracks?.count == 2)
    #expect(tracks?.allSatisfy { $0["frameNumGapSplices"] as? Int == 0 } == true)
    let plain = try PackagedClip(extraArguments: ["--no-splice-safe-frame-num"])
    #expect(plain.status == 0, "\(plain.standardError)")
    let failed = try hesp.run(["verify", plain.directory.path, "--quiet"])
    #expect(failed.status == 1)
    #expect(failed.standardOutputText.contains("frame_num gap after the init IDR"))
    let allowed = try hesp.run([
      "verify", plain.directory.path, "--allow-frame-num-gaps", "--quiet",
    ])
    #expect(allowed.status == 0, "\(allowed.standardOutputText)")
    #expect(allowed.standardOutputText.contains("frame_num gaps allowed"))
    let strict = try hesp.run([
      "verify", plain.directory.path, "--strict", "--allow-frame-num-gaps", "--json", "--quiet",
    ])
    #expect(strict.status == 0, "\(strict.standardOutputText)")
  }

  @Test func aBadSpliceCountIsAUsageError() throws {
    let scratch = try TemporaryDirectory(prefix: "verify")
    let output = try Command.hesp().run(["verify", scratch.url.path, "--splices", "0"])
    #expect(output.status != 0)
    #expect(output.standardError.contains("--splices"))
  }
}
