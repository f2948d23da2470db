import ArgumentParser
import HESPTraces

/// Trace import options shared by every command that reads traces.
struct TraceImportArguments: ParsableArguments {
  @Option(
    name: .customLong("trace-format"),
    help: ArgumentHelp(
      "Read traces as this format instead of detecting it from their content.", valueName: "format")
  )
  var format: TraceFormat?

  @Option(
    name: .customLong("mahimahi-bin-ms"), help: "Width of the Mahimahi bins in ms (whole number).")
  var mahimahiBinMs: Double = TraceImportOptions().mahimahiBinMs

  @Option(
    name: .customLong("default-latency-ms"),
    help:
      "Latency per request given to traces that carry none (Mahimahi, Pensieve, 5G CSV, 2-column CSV)."
  )
  var defaultLatencyMs: Double = TraceImportOptions().defaultLatencyMs

  @Option(
    name: [.customLong("bandwidth-scale"), .customLong("network-multiplier")],
    help:
      "Multiply every bandwidth by this (0.95 mimics Pensieve; Sabre -nm); latency is not scaled.")
  var bandwidthScale: Double = TraceImportOptions().bandwidthScale

  var options: TraceImportOptions {
    TraceImportOptions(
      mahimahiBinMs: mahimahiBinMs, defaultLatencyMs: defaultLatencyMs,
      bandwidthScale: bandwidthScale)
  }

  func validate() throws {
    do {
      try options.validate()
    } catch let error as TraceError {
      throw ValidationError(error.reason)
    }
  }
}

/// `--trace-format`: the formats listed in help; an unknown one is refused with the valid ones.
extension TraceFormat: ExpressibleByArgument {}
