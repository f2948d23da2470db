import ArgumentParser

/// `hesp study`: run a study (the default: `hesp study [run] ...`) or merge the shards of one.
struct StudyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "study",
    abstract:
      "Compare HESP, LL-DASH, LL-HLS and DASH switching on packaged sizes; merge shards of a study.",
    subcommands: [StudyRunCommand.self, StudyMergeCommand.self],
    defaultSubcommand: StudyRunCommand.self)
}
