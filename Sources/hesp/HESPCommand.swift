import ArgumentParser
import Foundation

@main
struct HESPCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "hesp",
    abstract: "Package video into HESP dual streams, replay network traces, measure switch latency.",
    version: "0.1.0",
    subcommands: [
      DemoCommand.self, PackageCommand.self, VerifyCommand.self, SimulateCommand.self,
      StudyCommand.self, TraceCommand.self, EmulateCommand.self,
      ServeCommand.self,
    ]
  )

  /// Parses, runs, and reports every error the one way (`CommandErrors`).
  static func main() {
    let command: any ParsableCommand
    do { command = try parseAsRoot() } catch { CommandErrors.exitParsing(error) }
    do {
      var running = command
      try running.run()
    } catch {
      CommandErrors.exit(error, command: type(of: command))
    }
  }
}
