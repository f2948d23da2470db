import Foundation

/// `hesp-media`: the executable built next to `hesp` that links FFmpeg and runs the commands
/// that decode or encode video (`demo`, `package`, `verify`, `live`, `study --input`). `hesp` links no
/// FFmpeg, so `simulate`, `study`, `trace` and `serve` start without loading its ~170 shared
/// libraries; for the others it replaces its own process with `hesp-media` and the same
/// arguments (`execv`: the same process, so signals reach the command and its exit status is
/// the one the caller sees).
package enum MediaExecutable {
  package static let name = "hesp-media"

  /// The subcommands only `hesp-media` runs.
  package static let commands: Set<String> = ["demo", "package", "verify", "live"]

  /// The media subcommand `arguments` (without the program name) ask for, their help included
  /// (`hesp package ...`, `hesp help verify`), or nil.
  package static func command(in arguments: [String]) -> String? {
    guard let first = arguments.first else { return nil }
    if commands.contains(first) { return first }
    if first == "help", let second = arguments.dropFirst().first, commands.contains(second) {
      return second
    }
    return nil
  }

  /// Replaces this process with `hesp-media` given this process's arguments. When it cannot
  /// (not built, not executable), prints a one-line error as `hesp COMMAND` and exits 1.
  package static func replaceProcess(command: String) -> Never {
    let own =
      Bundle.main.executableURL?.resolvingSymlinksInPath()
      ?? URL(fileURLWithPath: CommandLine.arguments[0])
    let path = own.deletingLastPathComponent().appendingPathComponent(name).path
    guard FileManager.default.isExecutableFile(atPath: path) else {
      fail(
        command,
        "\(name) not found next to \(own.path) (it runs \(command); `swift build` builds both)")
    }
    let arguments = [path] + CommandLine.arguments.dropFirst()
    var argv = arguments.map { strdup($0) }
    argv.append(nil)
    execv(path, argv)
    fail(command, "cannot run \(path): \(String(cString: strerror(errno)))")
  }

  private static func fail(_ command: String, _ reason: String) -> Never {
    CommandErrors.write("hesp \(command): error: \(reason)")
    exit(ExitStatus.failure)
  }
}
