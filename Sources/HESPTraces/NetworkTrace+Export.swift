extension NetworkTrace {
  /// The trace as Sabre network JSON, one period per line in the layout of Sabre's own files.
  /// Whole numbers are written without a fraction; the output is deterministic.
  public func sabreJSON() -> String {
    var out = "[\n"
    for (i, p) in periods.enumerated() {
      out +=
        "    {\"duration_ms\": \(Self.format(p.durationMs)), \"bandwidth_kbps\": \(Self.format(p.bandwidthKbps)), "
      out += "\"latency_ms\": \(Self.format(p.latencyMs))}"
      out += i + 1 < periods.count ? ",\n" : "\n"
    }
    return out + "]\n"
  }

  /// The trace as a three-column plain CSV, `time_s,kbps,latency_ms`, with a header. Row 0 is
  /// time 0 (its values repeat the first period's and are not used when read back); row `i`
  /// ends period `i`. Reading it back gives the same periods.
  public func csv() -> String {
    var out = "time_s,kbps,latency_ms\n"
    guard let first = periods.first else { return out }
    out += "0,\(Self.format(first.bandwidthKbps)),\(Self.format(first.latencyMs))\n"
    var endMs = 0.0
    for p in periods {
      endMs += p.durationMs
      out +=
        "\(Self.format(roundedToMicro(endMs) / 1000)),\(Self.format(p.bandwidthKbps)),\(Self.format(p.latencyMs))\n"
    }
    return out
  }

  /// Shortest round-trip decimal form; whole numbers without `.0`.
  static func format(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
  }
}
