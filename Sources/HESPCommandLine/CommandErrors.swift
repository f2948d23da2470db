import ArgumentParser
import Foundation

/// The one path from an error to the user, for every subcommand:
/// `hesp SUBCOMMAND: error: WHAT: WHY` on stderr, then the exit status. Usage errors (exit 64)
/// add the usage line of that subcommand; help, version and `ExitCode` keep argument-parser's
/// own handling.
/// `root` is the root command of the running executable (`hesp` or `hesp-media`).
enum CommandErrors {
  /// A command-line parsing or `validate()` error.
  static func exitParsing(_ error: any Error, root: any ParsableCommand.Type) -> Never {
    let code = root.exitCode(for: error)
    guard code != .success, !(error is ExitCode) else { root.exit(withError: error) }
    var message = root.fullMessage(for: error)
    let short = root.message(for: error)
    if message.hasPrefix("Error: " + short) {
      message =
        "Error: " + ParserMessage.oneLine(short) + message.dropFirst(("Error: " + short).count)
    }
    var lines = message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var name = lines.first { $0.hasPrefix("Usage: hesp ") }.map(commandName(fromUsage:)) ?? "hesp"
    // A default subcommand the user did not type is not named (`hesp study`, not `hesp study run`).
    if let last = name.split(separator: " ").last, name.split(separator: " ").count > 2,
      !CommandLine.arguments.dropFirst().contains(String(last))
    {
      name = String(name.dropLast(last.count + 1))
    }
    if let first = lines.first, first.hasPrefix("Error: ") {
      lines[0] = "\(name): error: " + first.dropFirst("Error: ".count)
    }
    write(lines.joined(separator: "\n"))
    Foundation.exit(code.rawValue)
  }

  /// An error thrown by a running command.
  static func exit(
    _ error: any Error, command: any ParsableCommand.Type, root: any ParsableCommand.Type
  ) -> Never {
    Interruption.waitIfRemoving()
    ProgressLine.end()
    let name = commandName(of: command, root: root)
    switch error {
    case let error as any UserFacingError:
      write("\(name): error: \(error)")
      Foundation.exit(error.exitStatus)
    case let error as ValidationError:
      write("\(name): error: \(error.message)\n" + usage(of: command, root: root))
      Foundation.exit(ExitStatus.usage)
    default:
      if root.exitCode(for: error) == .success || error is ExitCode { root.exit(withError: error) }
      write("\(name): error: \(error)")
      Foundation.exit(ExitStatus.failure)
    }
  }

  /// `Usage: hesp simulate [<options>] [<package>]` and where to find more.
  static func usage(of command: any ParsableCommand.Type, root: any ParsableCommand.Type) -> String
  {
    let usage = root.usageString(for: command)
    let name = commandName(of: command, root: root)
    return "Usage: \(usage)\n  See '\(name) --help' for more information."
  }

  /// `hesp study merge` for `StudyMergeCommand`.
  static func commandName(of command: any ParsableCommand.Type, root: any ParsableCommand.Type)
    -> String
  {
    ["hesp", path(to: command, from: root)].compactMap { $0 }.filter { !$0.isEmpty }.joined(
      separator: " ")
  }

  /// `study merge` for `StudyMergeCommand`, found in the subcommand tree.
  static func path(to target: any ParsableCommand.Type, from root: any ParsableCommand.Type)
    -> String?
  {
    for sub in root.configuration.subcommands {
      // The default subcommand is not typed (`hesp study`, not `hesp study run`).
      let isDefault = root.configuration.defaultSubcommand == sub
      let name = isDefault ? nil : (sub.configuration.commandName ?? String(describing: sub))
      if sub == target { return name ?? "" }
      if let rest = path(to: target, from: sub) {
        return [name, rest].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
      }
    }
    return nil
  }

  /// `hesp trace convert` from `Usage: hesp trace convert <input> [--to <to>] ...`.
  static func commandName(fromUsage line: String) -> String {
    let words = line.dropFirst("Usage: ".count).split(separator: " ")
    return words.prefix { !$0.hasPrefix("<") && !$0.hasPrefix("[") && !$0.hasPrefix("-") }.joined(
      separator: " ")
  }

  package static func write(_ text: String) {
    FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
  }
}
