import ArgumentParser

@main
struct HESPCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "hesp",
    abstract: "Package video into HESP dual streams, replay network traces, measure switch latency.",
    version: "0.1.0",
    subcommands: [PackageCommand.self, SimulateCommand.self, TraceCommand.self, StudyCommand.self, DemoCommand.self]
  )
}
