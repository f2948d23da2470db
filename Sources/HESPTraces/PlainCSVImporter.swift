/// Reads a plain CSV trace: `time_s,kbps` or `time_s,kbps,latency_ms`, with an optional header
/// row (a first row that is not all numbers). Every row must have the width of the first.
///
/// Same semantics as Pensieve's format, so a CSV export of Pensieve data reads the same way:
/// row `i >= 1` gives the period `(t[i-1], t[i]]` at `kbps[i]` (and `latency_ms[i]` when the
/// third column exists, else the default latency); row 0 marks the start and its values are
/// not used. `hesp trace convert --to csv` writes the three-column form, which reads back into
/// the same trace.
enum PlainCSVImporter {
  static func parse(_ text: String, source: String, options: TraceImportOptions) throws
    -> NetworkTrace
  {
    var lines = TextLines.nonBlankLines(of: text)
    guard let first = lines.next() else {
      throw TraceError(source: source, reason: "empty trace: no rows")
    }
    let firstFields = split(first.text)
    let width = firstFields.count
    guard width == 2 || width == 3 else {
      throw TraceError(
        source: source, location: .line(first.number),
        reason: "expected 2 columns (time_s,kbps) or 3 (time_s,kbps,latency_ms), found \(width)")
    }
    // A first row of numbers is data; any other is a header.
    var firstData: TextLines.Line? =
      firstFields.allSatisfy({ TextLines.number($0) != nil }) ? first : nil

    var periods: [NetworkTrace.Period] = []
    var previousTimeS: Double?
    var previousMs = 0.0
    var startMs = 0.0
    var previousField: Substring = ""
    while let line = firstData ?? lines.next() {
      firstData = nil
      let fields = split(line.text)
      guard fields.count == width else {
        throw TraceError(
          source: source, location: .line(line.number),
          reason: "expected \(width) columns like the first row, found \(fields.count)")
      }
      let timeS = try TextLines.nonNegativeNumber(
        fields[0], name: "time_s", line: line.number, source: source)
      let kbps = try TextLines.nonNegativeNumber(
        fields[1], name: "kbps", line: line.number, source: source)
      let latencyMs =
        width == 3
        ? try TextLines.nonNegativeNumber(
          fields[2], name: "latency_ms", line: line.number, source: source)
        : options.defaultLatencyMs
      if let previous = previousTimeS {
        guard timeS > previous else {
          let reason =
            timeS == previous
            ? "period of zero duration: time \(fields[0]) s repeats the previous row"
            : "time goes backwards: \(fields[0]) s after \(previousField) s"
          throw TraceError(source: source, location: .line(line.number), reason: reason)
        }
        let durationMs = roundedToMicro(
          TextLines.thousandTimes(fields[0], value: timeS) - previousMs)
        guard durationMs > 0 else {
          throw TraceError(
            source: source, location: .line(line.number),
            reason:
              "period of zero duration: time \(fields[0]) s is within 1 ns of the previous row")
        }
        let period = NetworkTrace.Period(
          durationMs: durationMs, bandwidthKbps: scaled(kbps, by: options.bandwidthScale),
          latencyMs: latencyMs)
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
    guard !periods.isEmpty else {
      throw TraceError(
        source: source,
        reason:
          "empty trace: fewer than 2 data rows (kbps applies to the interval ending at each time)")
    }
    return NetworkTrace(periods: periods)
  }

  private static func split(_ line: Substring) -> [Substring] {
    line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingWhitespace() }
  }
}
