import ArgumentParser
import Foundation
import HESPCore
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

  @Option(
    name: .shortAndLong,
    help:
      "Write to this file (through a temporary file and a rename) instead of stdout; never the input."
  )
  var output: String?

  @Flag(help: "Replace the -o file if it exists (never the input).")
  var force = false

  @OptionGroup var importArguments: TraceImportArguments

  func run() throws {
    // Checked before the import, so a refused output costs nothing and touches nothing.
    let target = try output.map { path in
      try OutputFile(path: path, inputs: [file], force: force)
    }
    let trace = try NetworkTrace.load(
      from: URL(fileURLWithPath: file), format: importArguments.format,
      options: importArguments.options)
    let text = to == .sabre ? trace.sabreJSON() : trace.csv()
    guard let target else {
      print(text, terminator: "")
      return
    }
    for note in target.notes {
      FileHandle.standardError.write(Data("hesp trace convert: note: \(note)\n".utf8))
    }
    let interruption = Interruption.install(command: "trace convert")
    defer { for source in interruption { source.cancel() } }
    try target.write(Data(text.utf8))
  }
}
