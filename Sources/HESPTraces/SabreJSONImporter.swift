import Foundation

/// Reads Sabre's network JSON: an array of `{"duration_ms", "bandwidth_kbps", "latency_ms"}`
/// objects (numbers; other keys are ignored), taken as is. `duration_ms` must be > 0, the
/// other two >= 0. The options' default latency does not apply (the format carries latency);
/// the bandwidth scale does (like Sabre's `-nm`).
enum SabreJSONImporter {
  static func parse(_ text: String, source: String, options: TraceImportOptions) throws
    -> NetworkTrace
  {
    if text.allSatisfy({ $0.isWhitespace }) {
      throw TraceError(source: source, reason: "empty trace: the file is empty")
    }
    guard text.utf8.count <= TraceLimits.maximumJSONBytes else {
      throw TraceError(
        source: source,
        reason:
          "Sabre JSON of \(text.utf8.count) bytes is larger than the limit of \(TraceLimits.maximumJSONBytes) bytes (32 MiB)"
      )
    }
    let root = try JSONValue.parse(Data(text.utf8), source: source)
    guard case .array(let elements) = root else {
      throw TraceError(
        source: source, location: .jsonPath("$"),
        reason: "expected an array of periods, found \(root.kind)")
    }
    guard !elements.isEmpty else {
      throw TraceError(
        source: source, location: .jsonPath("$"), reason: "empty trace: the array has no periods")
    }
    var periods: [NetworkTrace.Period] = []
    periods.reserveCapacity(elements.count)
    var endMs = 0.0
    for (index, element) in elements.enumerated() {
      let path = "$[\(index)]"
      guard case .object(let fields) = element else {
        throw TraceError(
          source: source, location: .jsonPath(path),
          reason: "expected a period object, found \(element.kind)")
      }
      func number(_ key: String, positive: Bool) throws -> Double {
        guard let value = fields[key] else {
          throw TraceError(source: source, location: .jsonPath(path), reason: "missing \"\(key)\"")
        }
        guard case .number(let number) = value, number.isFinite else {
          throw TraceError(
            source: source, location: .jsonPath("\(path).\(key)"),
            reason: "expected a number, found \(value.kind)")
        }
        if number < 0 {
          throw TraceError(
            source: source, location: .jsonPath("\(path).\(key)"),
            reason: "negative value \(number)")
        }
        if positive && number == 0 {
          throw TraceError(
            source: source, location: .jsonPath("\(path).\(key)"), reason: "period of zero duration"
          )
        }
        return number
      }
      func check(_ key: String, _ reason: String?) throws {
        if let reason {
          throw TraceError(source: source, location: .jsonPath("\(path).\(key)"), reason: reason)
        }
      }
      let durationMs = try number("duration_ms", positive: true)
      endMs += durationMs
      try check(
        "duration_ms",
        TraceLimits.durationViolation(durationMs) ?? TraceLimits.totalDurationViolation(endMs))
      let bandwidthKbps = scaled(
        try number("bandwidth_kbps", positive: false), by: options.bandwidthScale)
      try check(
        "bandwidth_kbps",
        TraceLimits.bandwidthViolation(bandwidthKbps, scaled: options.bandwidthScale != 1))
      let latencyMs = try number("latency_ms", positive: false)
      try check("latency_ms", TraceLimits.latencyViolation(latencyMs))
      periods.append(
        .init(durationMs: durationMs, bandwidthKbps: bandwidthKbps, latencyMs: latencyMs))
    }
    return NetworkTrace(periods: periods)
  }
}
