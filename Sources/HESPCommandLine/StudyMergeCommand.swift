import ArgumentParser
import Foundation
import HESPCore
import HESPProtocols
import HESPStudy

/// `hesp study merge SHARD... -o OUT`: the shards of one study (`hesp study --shard K/N`) into
/// exactly the files the unsharded run writes.
struct StudyMergeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "Merge the shard folders of one study into the files the unsharded run writes.",
    discussion: """
      Give every shard folder of the study (any order). Refused: a shard given twice, a missing or \
      incomplete shard, shards of different studies (the message names what differs).
      """)

  @Argument(help: "The shard folders (`hesp study --shard K/N -o DIR`).")
  var shards: [String] = []

  @OptionGroup var out: OutputArguments<StudyOutputDefault>

  func run() throws {
    let outcome = try out.write(command: "study merge", inputs: shards) { staging in
      try Study.merge(shards: shards, writingInto: staging)
    }
    StudyRunCommand.show(outcome, reportIn: out)
  }
}
