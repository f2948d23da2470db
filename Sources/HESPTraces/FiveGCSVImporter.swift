/// Reads the G-NetTrack CSV of the Irish 5G dataset (Raca et al., MMSys 2020): a header row
/// naming the columns, then rows with `Timestamp` (`YYYY.MM.DD_HH.MM.SS`, 1 s resolution) and
/// `DL_bitrate` (kbit/s). Other columns are ignored (they may hold `-`); every row must have the
/// header's width. Fields are plain (no quoted commas), as in the dataset.
///
/// Resampling on `Timestamp`: rows of the same second are averaged into one value for that
/// second; a second with no row holds the previous second's value, so each observed second
/// becomes one period of `1000 ms × (1 + missing seconds after it)`. The trace spans from the
/// first second to the end of the last one. Timestamps must not go backwards (the clock is the
/// phone's local time; the dataset's files never go backwards).
enum FiveGCSVImporter {
  static func parse(_ text: String, source: String, options: TraceImportOptions) throws
    -> NetworkTrace
  {
    var lines = TextLines.nonBlankLines(of: text)
    guard let header = lines.next() else {
      throw TraceError(source: source, reason: "empty trace: no header row")
    }
    let names = header.text.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmingWhitespace()
    }
    guard let timeColumn = names.firstIndex(of: "Timestamp"),
      let rateColumn = names.firstIndex(of: "DL_bitrate")
    else {
      throw TraceError(
        source: source, location: .line(header.number),
        reason: "header lacks a Timestamp or DL_bitrate column")
    }
    // (second, sum of kbps, row count, last row's line) per distinct second, in file order.
    var seconds: [(second: Int, sumKbps: Double, rows: Int, line: Int)] = []
    for line in lines {
      let fields = line.text.split(separator: ",", omittingEmptySubsequences: false)
      guard fields.count == names.count else {
        throw TraceError(
          source: source, location: .line(line.number),
          reason: "expected \(names.count) columns like the header, found \(fields.count)")
      }
      guard let second = epochSecond(fields[timeColumn].trimmingWhitespace()) else {
        throw TraceError(
          source: source, location: .line(line.number),
          reason: "Timestamp is not YYYY.MM.DD_HH.MM.SS: \(TextLines.quoted(fields[timeColumn]))")
      }
      let kbps = try TextLines.nonNegativeNumber(
        fields[rateColumn], name: "DL_bitrate", line: line.number, source: source)
      if let reason = TraceLimits.bandwidthViolation(kbps, scaled: false) {
        throw TraceError(source: source, location: .line(line.number), reason: reason)
      }
      if let last = seconds.last {
        if second < last.second {
          throw TraceError(
            source: source, location: .line(line.number),
            reason:
              "Timestamp goes backwards: \(fields[timeColumn].trimmingWhitespace()) after a later time"
          )
        }
        if second == last.second {
          seconds[seconds.count - 1].sumKbps += kbps
          seconds[seconds.count - 1].rows += 1
          seconds[seconds.count - 1].line = line.number
          continue
        }
      }
      if let first = seconds.first,
        let reason = TraceLimits.totalDurationViolation(Double(second - first.second + 1) * 1000)
      {
        throw TraceError(source: source, location: .line(line.number), reason: reason)
      }
      seconds.append((second, kbps, 1, line.number))
    }
    guard !seconds.isEmpty else {
      throw TraceError(source: source, reason: "empty trace: a header but no data rows")
    }
    var periods: [NetworkTrace.Period] = []
    periods.reserveCapacity(seconds.count)
    for (i, entry) in seconds.enumerated() {
      let spanS = i + 1 < seconds.count ? seconds[i + 1].second - entry.second : 1
      let kbps = scaled(entry.sumKbps / Double(entry.rows), by: options.bandwidthScale)
      let period = NetworkTrace.Period(
        durationMs: Double(spanS) * 1000, bandwidthKbps: kbps, latencyMs: options.defaultLatencyMs)
      try checkLimits(
        period, endingAtMs: 0, options: options, source: source, location: .line(entry.line))
      periods.append(period)
    }
    return NetworkTrace(periods: periods)
  }

  /// Seconds since 1970-01-01 of a `YYYY.MM.DD_HH.MM.SS` wall-clock time (no time zone applied).
  static func epochSecond(_ text: Substring) -> Int? {
    let parts = text.split(whereSeparator: { $0 == "." || $0 == "_" })
    guard parts.count == 6,
      parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } })
    else {
      return nil
    }
    let v = parts.compactMap { Int($0) }
    guard v.count == 6, (1...9999).contains(v[0]), (1...12).contains(v[1]), (1...31).contains(v[2]),
      v[3] < 24, v[4] < 60, v[5] < 61
    else {
      return nil
    }
    return daysFromCivil(year: v[0], month: v[1], day: v[2]) * 86_400 + v[3] * 3600 + v[4] * 60
      + v[5]
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
  static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }
}
