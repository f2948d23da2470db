import ArgumentParser

@main
struct HESPCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "hesp",
    abstract: "Package video into HESP dual streams, replay network traces, measure switch latency.",
    version: "0.1.0",
    subcommands: [
      DemoCommand.self, PackageCommand.self, VerifyCommand.self, SimulateCommand.self,
      StudyCommand.self, TraceCommand.self,
      ServeCommand.self,
    ]
  )
}
