import ArgumentParser
import Foundation
import HESPTraces

/// `hesp trace convert FILE --to sabre|csv [-o OUT]`.
struct TraceConvertCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "convert",
    abstract: "Convert a trace to Sabre network JSON or plain CSV (time_s,kbps,latency_ms)."
  )

  enum Target: String, CaseIterable, ExpressibleByArgument {
    case sabre, csv
  }

  @Argument(help: "The trace file to convert.")
  var file: String

  @Option(help: "Output format: sabre or csv.")
  var to: Target

  @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of stdout.")
  var output: String?

  @OptionGroup var importArguments: TraceImportArguments

  func run() throws {
    let trace = try NetworkTrace.load(
      from: URL(fileURLWithPath: file), format: importArguments.format, options: importArguments.options)
    let text = to == .sabre ? trace.sabreJSON() : trace.csv()
    guard let output else {
      print(text, terminator: "")
      return
    }
    do {
      try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
    } catch {
      throw TraceCommandError("cannot write \(output): \((error as NSError).localizedDescription)")
    }
  }
}

/// A one-line failure of a `hesp trace` command (printed as `Error: <message>`, exit code 1).
struct TraceCommandError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
