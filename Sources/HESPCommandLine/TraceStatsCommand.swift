import ArgumentParser
import Foundation
import HESPTraces

/// `hesp trace stats FILE...`: format, duration and time-weighted bandwidth statistics per file.
struct TraceStatsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stats",
    abstract: "Print the format, duration and time-weighted bandwidth statistics of trace files."
  )

  @Argument(help: "Trace files.")
  var files: [String]

  @OptionGroup var importArguments: TraceImportArguments

  @Flag(help: "Print JSON (an array, one object per file, sorted keys) instead of a table.")
  var json = false

  func validate() throws {
    if files.isEmpty { throw ValidationError("give at least one trace file") }
  }

  func run() throws {
    // Every file is read before anything is printed: one bad file fails the whole command.
    let rows = try files.map { file in
      let loaded = try NetworkTrace.loadDetectingFormat(
        from: URL(fileURLWithPath: file), format: importArguments.format,
        options: importArguments.options)
      return TraceStatsRow(
        file: file, format: loaded.format, statistics: TraceStatistics(loaded.trace))
    }
    print(json ? try TraceStatsRow.json(rows) : TraceStatsRow.table(rows), terminator: "")
  }
}
