/// Reads a Mahimahi trace: one non-negative integer per line, the millisecond timestamp of one
/// chance to deliver a 1500-byte packet (12,000 bits); timestamps never go down.
///
/// Binning: the trace repeats every `T` ms, `T` being the last timestamp (as `mm-link` loops
/// it), so one pass covers `[0, T)`. It is cut into bins `[kW, (k+1)W)` of width `W`
/// (`mahimahiBinMs`); each becomes a period of bandwidth `count * 12000 / W` kbit/s. When `T` is
/// not a multiple of `W`, the trailing bin is a shorter period of `T - kW` ms whose bandwidth
/// is its count over its own width. Opportunities at exactly `T` coincide with the next pass's
/// start and are counted in the last bin. The mean bandwidth is thus exactly `lines * 12000 / T`.
enum MahimahiImporter {
  static let bitsPerOpportunity = 12_000.0
  /// Guards memory against absurd timestamps: 2,000,000 bins (55 hours at 100 ms, the 7-day
  /// limit at 303 ms or wider).
  static let maxBinCount = 2_000_000

  static func parse(_ text: String, source: String, options: TraceImportOptions) throws
    -> NetworkTrace
  {
    let binMs = options.mahimahiBinMs
    // Opportunities per bin, grown as the (sorted) timestamps advance: memory follows the
    // trace's length in bins, not its number of lines.
    var counts: [Int] = []
    var previous: Int?
    var lastLine = 0
    for line in TextLines.nonBlankLines(of: text) {
      guard line.text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(line.text) else {
        let reason =
          line.text.hasPrefix("-") && Int(line.text) != nil
          ? "negative timestamp \(line.text)"
          : line.text.allSatisfy({ $0.isASCII && $0.isNumber })
            ? "timestamp \(TextLines.quoted(line.text)) ms is beyond the limit of 604800000 ms (7 days)"
            : "expected one non-negative integer (ms timestamp), found \(TextLines.quoted(line.text))"
        throw TraceError(source: source, location: .line(line.number), reason: reason)
      }
      if let previous, value < previous {
        throw TraceError(
          source: source, location: .line(line.number),
          reason: "timestamps not sorted: \(value) ms after \(previous) ms")
      }
      previous = value
      lastLine = line.number
      // Past the limits, stop counting (the error names the last timestamp once all are read).
      guard Double(value) <= TraceLimits.maximumDurationMs else { continue }
      let bin = Int(Double(value) / binMs)
      guard bin <= maxBinCount else { continue }
      if bin >= counts.count { counts += repeatElement(0, count: bin + 1 - counts.count) }
      counts[bin] += 1
      if Double(counts[bin]) * bitsPerOpportunity / binMs * options.bandwidthScale
        > TraceLimits.maximumBandwidthKbps
      {
        throw TraceError(
          source: source, location: .line(line.number),
          reason:
            "\(counts[bin]) opportunities in the \(Int(binMs)) ms bin from \(Int(Double(bin) * binMs)) ms "
            + "exceed the limit of 100000000 kbps (100 Gbit/s)")
      }
    }
    guard let endMs = previous else {
      throw TraceError(source: source, reason: "empty trace: no timestamps")
    }
    guard endMs > 0 else {
      throw TraceError(
        source: source, location: .line(lastLine),
        reason: "zero duration: the last timestamp is 0 ms, so the trace has no length")
    }
    let binCount = Int(min((Double(endMs) / binMs).rounded(.up), Double(Int.max / 2)))
    guard binCount <= maxBinCount else {
      throw TraceError(
        source: source, location: .line(lastLine),
        reason:
          "last timestamp \(endMs) ms makes \(binCount) bins of \(Int(binMs)) ms (at most \(maxBinCount)); use a wider bin"
      )
    }
    if let reason = TraceLimits.totalDurationViolation(Double(endMs)) {
      throw TraceError(
        source: source, location: .line(lastLine), reason: "last timestamp: " + reason)
    }
    // Lines at exactly T (the last timestamp) belong to the last bin [kW, T).
    if counts.count > binCount {
      counts[binCount - 1] += counts[binCount...].reduce(0, +)
      counts.removeLast(counts.count - binCount)
    }
    var periods: [NetworkTrace.Period] = []
    periods.reserveCapacity(binCount)
    for (k, count) in counts.enumerated() {
      let startMs = Double(k) * binMs
      let durationMs = roundedToMicro(min(binMs, Double(endMs) - startMs))
      let kbps = scaled(Double(count) * bitsPerOpportunity / durationMs, by: options.bandwidthScale)
      let period = NetworkTrace.Period(
        durationMs: durationMs, bandwidthKbps: kbps, latencyMs: options.defaultLatencyMs)
      // Only the trailing bin can fail here, and the last line is in it.
      try checkLimits(
        period, endingAtMs: startMs + durationMs, options: options, source: source,
        location: .line(lastLine))
      periods.append(period)
    }
    return NetworkTrace(periods: periods)
  }
}
