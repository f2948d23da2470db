/// Reads a Pensieve "cooked" trace: one sample per line, `time_s<spaces or tabs>Mbps`.
///
/// Semantics (Pensieve's `env.py`/`fixed_env.py`, and Sabre's JSON of the same Norway logs):
/// `bw[i]` is the mean throughput over `(t[i-1], t[i]]`, so row `i >= 1` becomes a period of
/// `(t[i] - t[i-1]) * 1000` ms at `bw[i] * 1000` kbit/s. Row 0 only marks where the trace
/// starts: its bandwidth `bw[0]` is dropped, exactly as Pensieve never reads it (its pointer
/// starts at 1). Sabre's own 3G JSON keeps `bw[0]` as an extra first period with the raw log's
/// duration; that information is not in the cooked file. Times must strictly increase.
enum PensieveImporter {
  static func parse(_ text: String, source: String, options: TraceImportOptions) throws
    -> NetworkTrace
  {
    var periods: [NetworkTrace.Period] = []
    var previousTimeS: Double?
    var previousMs = 0.0
    var startMs = 0.0
    var previousField: Substring = ""
    for line in TextLines.nonBlankLines(of: text) {
      let fields = TextLines.whitespaceFields(line.text)
      guard fields.count == 2 else {
        throw TraceError(
          source: source, location: .line(line.number),
          reason: "expected 2 fields (time_s Mbps), found \(fields.count)")
      }
      let timeS = try TextLines.nonNegativeNumber(
        fields[0], name: "time_s", line: line.number, source: source)
      let mbps = try TextLines.nonNegativeNumber(
        fields[1], name: "bandwidth (Mbps)", line: line.number, source: source)
      if let previous = previousTimeS {
        guard timeS != previous else {
          throw TraceError(
            source: source, location: .line(line.number),
            reason: "period of zero duration: time \(fields[0]) s repeats the previous line")
        }
        guard timeS > previous else {
          throw TraceError(
            source: source, location: .line(line.number),
            reason: "time goes backwards: \(fields[0]) s after \(previousField) s")
        }
        let durationMs = roundedToMicro(
          TextLines.thousandTimes(fields[0], value: timeS) - previousMs)
        guard durationMs > 0 else {
          throw TraceError(
            source: source, location: .line(line.number),
            reason:
              "period of zero duration: time \(fields[0]) s is within 1 ns of the previous line")
        }
        let period = NetworkTrace.Period(
          durationMs: durationMs,
          bandwidthKbps: scaled(
            TextLines.thousandTimes(fields[1], value: mbps), by: options.bandwidthScale),
          latencyMs: options.defaultLatencyMs)
        try checkLimits(
          period, endingAtMs: TextLines.thousandTimes(fields[0], value: timeS) - startMs,
          options: options,
          source: source, location: .line(line.number))
        periods.append(period)
      } else {
        startMs = TextLines.thousandTimes(fields[0], value: timeS)
      }
      previousTimeS = timeS
      previousMs = TextLines.thousandTimes(fields[0], value: timeS)
      previousField = fields[0]
    }
    guard previousTimeS != nil else {
      throw TraceError(source: source, reason: "empty trace: no samples")
    }
    guard !periods.isEmpty else {
      throw TraceError(
        source: source,
        reason:
          "empty trace: one sample only (bandwidth applies to the interval ending at each time, so 2 are needed)"
      )
    }
    return NetworkTrace(periods: periods)
  }
}
