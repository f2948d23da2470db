import ArgumentParser

/// `hesp trace`: inspect and convert network traces.
struct TraceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "trace",
    abstract:
      "Inspect and convert network traces (Mahimahi, Pensieve, Sabre JSON, 5G CSV, plain CSV).",
    subcommands: [TraceStatsCommand.self, TraceConvertCommand.self]
  )
}
