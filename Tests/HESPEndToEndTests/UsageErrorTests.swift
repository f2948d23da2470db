import Foundation
import HESPTestSupport
import Testing

/// One path from an error to the user (issue 13): every subcommand's usage error is
/// `hesp SUBCOMMAND: error: ...` with that subcommand's usage line and exit 64; a failure
/// exits 1 with the same prefix.
@Suite struct UsageErrorTests {
  static let subcommands = [
    ["package"], ["verify"], ["simulate"], ["study"], ["study", "merge"], ["trace", "stats"], ["trace", "convert"],
    ["demo"], ["serve"], ["emulate"], ["emulate", "link"], ["emulate", "compare"],
  ]

  @Test(arguments: subcommands)
  func anUnknownOptionIsAUsageErrorOfThatSubcommand(subcommand: [String]) throws {
    let result = try Command.hesp().run(subcommand + ["--bogus"])
    let name = (["hesp"] + subcommand).joined(separator: " ")
    #expect(result.status == 64, "\(name): \(result.standardError)")
    #expect(result.standardError.hasPrefix("\(name): error: "), "\(result.standardError)")
    #expect(result.standardError.contains("Usage: \(name)"), "\(result.standardError)")
  }

  /// A check made while running (not while parsing) still names the subcommand and its usage.
  @Test func aBadValueFoundWhileRunningIsAUsageErrorWithTheSubcommandsUsage() throws {
    let result = try Command.hesp().run(
      ["simulate", "--movie", Repository.fixture("Sabre/movie.json").path, "--trace",
       Repository.fixture("Sabre/network.json").path, "--buffer-s", "0"])
    #expect(result.status == 64)
    #expect(result.standardError.hasPrefix("hesp simulate: error: --buffer-s must be > 0\n"))
    #expect(result.standardError.contains("Usage: hesp simulate"))
  }

  @Test func aMissingFileIsAFailureWithTheSamePrefix() throws {
    let result = try Command.hesp().run(["trace", "stats", "no-such-trace.json"])
    #expect(result.status == 1)
    #expect(result.standardError.hasPrefix("hesp trace stats: error: no-such-trace.json"), "\(result.standardError)")
  }

  /// `--init-interval -1` (with a space) is read as a value and refused for its range, not as a
  /// missing value.
  @Test func aNegativeNumberAfterASpaceIsReadAsTheValue() throws {
    let result = try Command.hesp().run(
      ["package", Repository.fixture("Media/flower-320x180-1s.mp4").path, "-o", "unused", "--init-interval", "-1"])
    #expect(result.status == 64)
    #expect(result.standardError.hasPrefix("hesp package: error: --init-interval: must be a positive number of frames, got -1"))
  }
}
