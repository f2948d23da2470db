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
  /// Guards memory against absurd timestamps (10^7 bins = 11.6 days at 100 ms).
  static let maxBinCount = 10_000_000

  static func parse(_ text: String, source: String, options: TraceImportOptions) throws -> NetworkTrace {
    var timestamps: [Int] = []
    var lastLine = 0
    for line in TextLines.nonBlankLines(of: text) {
      guard line.text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(line.text) else {
        let reason = line.text.hasPrefix("-") && Int(line.text) != nil
          ? "negative timestamp \(line.text)"
          : "expected one non-negative integer (ms timestamp), found \(TextLines.quoted(line.text))"
        throw TraceError(source: source, location: .line(line.number), reason: reason)
      }
      if let previous = timestamps.last, value < previous {
        throw TraceError(
          source: source, location: .line(line.number),
          reason: "timestamps not sorted: \(value) ms after \(previous) ms")
      }
      timestamps.append(value)
      lastLine = line.number
    }
    guard let endMs = timestamps.last else {
      throw TraceError(source: source, reason: "empty trace: no timestamps")
    }
    guard endMs > 0 else {
      throw TraceError(
        source: source, location: .line(lastLine),
        reason: "zero duration: the last timestamp is 0 ms, so the trace has no length")
    }
    let binMs = options.mahimahiBinMs
    let binCount = Int((Double(endMs) / binMs).rounded(.up))
    guard binCount <= maxBinCount else {
      throw TraceError(
        source: source, location: .line(lastLine),
        reason: "last timestamp \(endMs) ms makes \(binCount) bins of \(Int(binMs)) ms (at most \(maxBinCount)); use a wider bin")
    }
    var counts = [Int](repeating: 0, count: binCount)
    for t in timestamps {
      counts[min(Int(Double(t) / binMs), binCount - 1)] += 1
    }
    var periods: [NetworkTrace.Period] = []
    periods.reserveCapacity(binCount)
    for (k, count) in counts.enumerated() {
      let startMs = Double(k) * binMs
      let durationMs = roundedToMicro(min(binMs, Double(endMs) - startMs))
      let kbps = scaled(Double(count) * bitsPerOpportunity / durationMs, by: options.bandwidthScale)
      periods.append(.init(durationMs: durationMs, bandwidthKbps: kbps, latencyMs: options.defaultLatencyMs))
    }
    return NetworkTrace(periods: periods)
  }
}
