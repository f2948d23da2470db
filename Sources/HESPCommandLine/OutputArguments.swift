import ArgumentParser
import Foundation
import HESPCore

/// The default output folder of a command (`study-out`), for `OutputArguments`.
package protocol OutputFolderDefault {
  static var path: String { get }
}

/// `-o/--output` and `--force` of a command that writes one folder, and the one way it writes
/// it: `OutputFolder` (the `--force` rule, staging, a rename that never replaces), its notes on
/// stderr, and `Interruption` removing the partial output on Ctrl-C / SIGTERM.
package struct OutputArguments<Default: OutputFolderDefault>: ParsableArguments {
  @Option(name: .shortAndLong, help: "Output directory (must not exist unless --force).")
  package var output: String = Default.path

  @Flag(
    help:
      "Replace OUT if hesp wrote it (it holds .hesp-output). Never replaces other folders, an input, a folder holding one, or the working directory or a parent of it."
  )
  package var force = false

  package init() {}

  /// Runs `body` with the staged folder (notes printed, interruptions handled) and moves the
  /// folder in place when it returns. `inputs` are the paths the command reads (never replaced);
  /// `cleanUp` runs first on an interruption (`emulate`: its namespaces).
  package func write<Result>(
    command: String, inputs: [String], cleanUp: @escaping @Sendable () -> Void = {},
    _ body: (_ staging: URL) throws -> Result
  ) throws -> Result {
    let staged = try stage(command: command, inputs: inputs, cleanUp: cleanUp)
    defer { staged.interruption.forEach { $0.cancel() } }
    let result = try body(staged.folder.stagingURL)
    try staged.folder.commit()
    return result
  }

  /// `write` for an asynchronous body (`study run`, `demo`).
  package func write<Result>(
    command: String, inputs: [String], cleanUp: @escaping @Sendable () -> Void = {},
    _ body: (_ staging: URL) async throws -> Result
  ) async throws -> Result {
    let staged = try stage(command: command, inputs: inputs, cleanUp: cleanUp)
    defer { staged.interruption.forEach { $0.cancel() } }
    let result = try await body(staged.folder.stagingURL)
    try staged.folder.commit()
    return result
  }

  private func stage(command: String, inputs: [String], cleanUp: @escaping @Sendable () -> Void)
    throws -> (folder: OutputFolder, interruption: [any DispatchSourceSignal])
  {
    let folder = try OutputFolder(path: output, command: command, inputs: inputs, force: force)
    folder.notes.forEach { Notes.write("note: \($0)") }
    return (folder, Interruption.install(command: command, cleanUp: cleanUp))
  }

  /// `name` inside the output folder, as the user gave the folder.
  package func path(of name: String) -> String {
    (output as NSString).appendingPathComponent(name)
  }
}

/// `study-out`.
package enum StudyOutputDefault: OutputFolderDefault {
  package static let path = "study-out"
}
