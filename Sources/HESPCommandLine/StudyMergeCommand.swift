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

  @Option(name: .shortAndLong, help: "Output directory (must not exist unless --force).")
  var output: String = "study-out"

  @Flag(
    help:
      "Replace OUT if hesp wrote it (it holds .hesp-output). Never replaces other folders, an input, a folder holding one, or the working directory or a parent of it."
  )
  var force = false

  func run() throws {
    let folder = try OutputFolder(
      path: output, command: "study merge", inputs: shards, force: force)
    folder.notes.forEach { StudyRunCommand.note("note: \($0)") }
    let interruption = Interruption.install(command: "study merge")
    defer { for source in interruption { source.cancel() } }
    let outcome = try Study.merge(shards: shards, writingInto: folder.stagingURL)
    try folder.commit()
    print(outcome.table)
    print("")
    outcome.notes.forEach { print($0) }
    print("report: \((output as NSString).appendingPathComponent("report.html"))")
  }
}
