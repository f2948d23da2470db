/// The on-disk trace formats the importers understand. Raw values are the names used on the
/// command line (`--trace-format`).
public enum TraceFormat: String, CaseIterable, Sendable {
  /// Mahimahi: one millisecond timestamp per 1500-byte delivery opportunity.
  case mahimahi
  /// Pensieve "cooked": `time_s<whitespace>Mbps`, bandwidth over the interval ending at time_s.
  case pensieve
  /// Sabre network JSON: `[{"duration_ms", "bandwidth_kbps", "latency_ms"}, ...]`.
  case sabre
  /// The G-NetTrack CSV of the Irish 5G dataset (`Timestamp`, ..., `DL_bitrate`, ...).
  case fiveGCSV = "5g-csv"
  /// Plain CSV `time_s,kbps[,latency_ms]` with an optional header row.
  case csv

  /// Guesses the format of a trace from its content (never from a file name).
  ///
  /// Rules, applied to the first non-blank line: `[` or `{` starts Sabre JSON; a comma-separated
  /// line naming both `Timestamp` and `DL_bitrate` is the 5G CSV, any other comma-separated line
  /// is plain CSV; a single unsigned integer is Mahimahi; two whitespace-separated numbers are
  /// Pensieve cooked.
  /// - Returns: the format, or `nil` when the content matches none of the rules.
  public static func detect(_ text: String) -> TraceFormat? {
    guard let line = TextLines.firstNonBlankLine(of: text) else { return nil }
    if line.hasPrefix("[") || line.hasPrefix("{") { return .sabre }
    if line.contains(",") {
      let names = Set(line.split(separator: ",").map { $0.trimmingWhitespace() })
      return names.contains("Timestamp") && names.contains("DL_bitrate") ? .fiveGCSV : .csv
    }
    let fields = TextLines.whitespaceFields(line)
    if fields.count == 1, !fields[0].isEmpty, fields[0].allSatisfy({ $0.isASCII && $0.isNumber }) {
      return .mahimahi
    }
    if fields.count == 2, fields.allSatisfy({ TextLines.number($0) != nil }) { return .pensieve }
    return nil
  }
}
