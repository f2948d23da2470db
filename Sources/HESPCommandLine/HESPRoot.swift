import ArgumentParser

/// The root command of both executables. `hesp` (the one users run) links no FFmpeg: it lists
/// `demo`, `package` and `verify` and hands them to `hesp-media` (`MediaExecutable`), which
/// links FFmpeg and runs every command itself. Both parse with the same subcommand tree, so
/// help, usage lines and errors read the same whichever executable prints them.
package enum HESPRoot {
  /// The root configuration: `media` (demo, package and verify, real or listed only) first,
  /// then the commands that need no FFmpeg.
  package static func configuration(media: [any ParsableCommand.Type]) -> CommandConfiguration {
    CommandConfiguration(
      commandName: "hesp",
      abstract:
        "Package video into HESP dual streams, replay network traces, measure switch latency.",
      version: "0.1.0",
      subcommands: media + [
        SimulateCommand.self, StudyCommand.self, TraceCommand.self, ServeCommand.self, PlayCommand.self,
        EmulateCommand.self,
      ]
    )
  }

  /// Parses the process's arguments with `root`, runs the command, and reports every error the
  /// one way (`CommandErrors`). `studyInputPackager` packages `study --input` videos (only
  /// `hesp-media` has one).
  ///
  /// The root is asynchronous (`AsyncParsableCommand`): a command whose work is concurrent
  /// (`simulate`'s batch, `serve`) is an `AsyncParsableCommand` and awaits it; no command
  /// bridges a task to a waiting thread. Synchronous commands run as they are.
  package static func main(
    root: any AsyncParsableCommand.Type, studyInputPackager: (any StudyInputPackager)? = nil
  ) async {
    let command: any ParsableCommand
    do { command = try root.parseAsRoot() } catch { CommandErrors.exitParsing(error, root: root) }
    do {
      try await StudyInputPackaging.$packager.withValue(studyInputPackager) {
        if var command = command as? any AsyncParsableCommand {
          try await command.run()
        } else {
          var command = command
          try command.run()
        }
      }
    } catch {
      CommandErrors.exit(error, command: type(of: command), root: root)
    }
  }
}
