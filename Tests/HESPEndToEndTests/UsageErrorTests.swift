import Foundation
import HESPTestSupport
import Testing

/// One path from an error to the user (issue 13): every subcommand's usage error is
/// `hesp SUBCOMMAND: error: ...` with that subcommand's usage line and exit 64; a failure
/// exits 1 with the same prefix.
@Suite struct UsageErrorTests {
  static let subcommands = [
    ["package"], ["verify"], ["simulate"], ["study"], ["study", "merge"], ["trace", "stats"], ["trace", "convert"],
    ["demo"], ["serve"], ["live"], ["play"], ["emulate"], ["emulate", "link"], ["emulate", "compare"],
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

  /// Renamed options (one spelling per quantity, units in names where not seconds): the new
  /// spelling is the one in help, the old one is still accepted and named as typed.
  @Test(arguments: ["--buffer-size=0", "--buffer-s=0", "--rtt-ms=-1", "--rtt=-1"])
  func aRenamedOptionAndItsOldSpellingAreBothCheckedUnderTheNameTyped(option: String) throws {
    let result = try Command.hesp().run(
      ["simulate", "--movie", Repository.fixture("Sabre/movie.json").path, "--trace",
       Repository.fixture("Sabre/network.json").path, option])
    let name = option.prefix { $0 != "=" }
    #expect(result.status == 64)
    #expect(result.standardError.hasPrefix("hesp simulate: error: \(name) must be "), "\(result.standardError)")
  }

  @Test func theOldSpellingOfAnOptionIsHiddenFromHelp() throws {
    let help = try Command.hesp().run(["simulate", "--help"]).standardOutputText
    #expect(help.contains("--buffer-size") && help.contains("--rtt-ms"))
    #expect(!help.contains("--buffer-s ") && !help.contains("--rtt <"))
  }

  @Test func bothSpellingsOfOneOptionAreAUsageError() throws {
    let result = try Command.hesp().run(
      ["simulate", "--movie", Repository.fixture("Sabre/movie.json").path, "--trace",
       Repository.fixture("Sabre/network.json").path, "--rtt-ms", "50", "--rtt", "60"])
    #expect(result.status == 64)
    #expect(result.standardError.hasPrefix("hesp simulate: error: --rtt-ms: also given as --rtt"), "\(result.standardError)")
  }

  /// Closed choices are typed: help lists the values, and a bad one is one line naming the
  /// option and the valid values, exit 64.
  @Test(arguments: [
    (["simulate", "--replace", "up"], "--replace: unknown strategy 'up'; valid strategies: none, left, right"),
    (["simulate", "--moving-average", "median"], "--moving-average: unknown estimator 'median'; valid estimators: ewma, sliding"),
    (["study", "--replace", "fast"], "--replace: unknown policy 'fast'; valid policies: none, up, all"),
    (["trace", "stats", "--trace-format", "m3u8"], "--trace-format: unknown format 'm3u8'; valid formats: mahimahi, pensieve, sabre, 5g-csv, csv"),
    (["study", "--protocol", "hesp,hls"], "--protocol: unknown protocol 'hls'"),
    (["simulate", "--abr", "bola,magic"], "--abr: unknown algorithm 'magic'"),
  ])
  func aBadChoiceIsOneLineNamingTheValidValues(arguments: [String], message: String) throws {
    let result = try Command.hesp().run(arguments)
    let name = (["hesp"] + arguments.prefix { !$0.hasPrefix("-") }).joined(separator: " ")
    #expect(result.status == 64, "\(result.standardError)")
    #expect(result.standardError.hasPrefix("\(name): error: \(message)"), "\(result.standardError)")
    #expect(result.standardError.split(separator: "\n").first.map { !$0.hasSuffix(":") } == true)
  }

  @Test func helpListsTheValuesOfAClosedChoice() throws {
    let help = try Command.hesp().run(["study", "run", "--help"]).standardOutputText
    #expect(help.contains("(values: none, up, all; default: up)"), "\(help)")
  }
}
