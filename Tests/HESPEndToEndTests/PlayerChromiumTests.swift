import Foundation
import HESPTestSupport
import Testing

/// The browser player in real headless Chromium (Tools/player-check.sh): 10 switches at uneven
/// times, each landing in under 1 s, at most 2 % dropped frames, no page error, a PNG kept.
/// Opt-in: needs chromium (the script installs it) and about 30 s, so it runs only when
/// HESP_CHROMIUM_TESTS=1 is set; otherwise it is skipped.
@Suite struct PlayerChromiumTests {
  @Test(.enabled(if: ProcessInfo.processInfo.environment["HESP_CHROMIUM_TESTS"] == "1"))
  func theBrowserPlayerSwitchesTenTimesInChromiumOnlyWithHESP_CHROMIUM_TESTS() throws {
    let scratch = try TemporaryDirectory(prefix: "player-check")
    let screenshot = scratch.file("player.png")
    let script = Command(
      executable: Repository.root.appendingPathComponent("Tools/player-check.sh"))
    let result = try script.run(
      ["--screenshot", screenshot.path, "--switches", "10"], in: Repository.root,
      environment: ["HESP_BINARY": try Command.hesp().executable.path])
    #expect(result.status == 0, "\(result.standardOutputText)\n\(result.standardError)")
    #expect(
      result.standardOutputText.contains("10 switches: median"), "\(result.standardOutputText)")
    let png = try Data(contentsOf: screenshot)
    #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
  }
}
