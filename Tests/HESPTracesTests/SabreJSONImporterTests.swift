import Testing

@testable import HESPTraces

@Suite struct SabreJSONImporterTests {
  @Test func sabresExampleTraceIsReadAsIs() throws {
    let trace = try NetworkTrace.load(from: TraceFixtures.sabreExample)
    #expect(
      trace.periods == [
        .init(durationMs: 30_000, bandwidthKbps: 5000, latencyMs: 75),
        .init(durationMs: 30_000, bandwidthKbps: 3000, latencyMs: 150),
        .init(durationMs: 30_000, bandwidthKbps: 1500, latencyMs: 200),
        .init(durationMs: 30_000, bandwidthKbps: 3000, latencyMs: 150),
      ])
  }

  @Test func theDefaultLatencyDoesNotReplaceTheTracesOwn() throws {
    let json = #"[{"duration_ms": 10, "bandwidth_kbps": 1.5, "latency_ms": 20, "note": "x"}]"#
    let trace = try NetworkTrace.parse(json, options: .init(defaultLatencyMs: 999))
    #expect(trace.periods == [.init(durationMs: 10, bandwidthKbps: 1.5, latencyMs: 20)])
  }

  @Test func anObjectAtTheTopIsTheWrongShape() {
    let error = traceError { _ = try NetworkTrace.parse(#"{"duration_ms": 1}"#, source: "n.json") }
    #expect(error?.text == "n.json: at $: expected an array of periods, found an object")
  }

  @Test func aMissingFieldIsNamedWithItsPath() {
    let json =
      #"[{"duration_ms": 1, "bandwidth_kbps": 2, "latency_ms": 3}, {"duration_ms": 1, "latency_ms": 3}]"#
    let error = traceError { _ = try NetworkTrace.parse(json, source: "n.json") }
    #expect(error?.text == #"n.json: at $[1]: missing "bandwidth_kbps""#)
  }

  @Test func aStringWhereANumberBelongsIsRejected() {
    let json = #"[{"duration_ms": "1000", "bandwidth_kbps": 2, "latency_ms": 3}]"#
    let error = traceError { _ = try NetworkTrace.parse(json, source: "n.json") }
    #expect(error?.text == "n.json: at $[0].duration_ms: expected a number, found a string")
  }

  @Test func aBooleanIsNotANumber() {
    let json = #"[{"duration_ms": 1, "bandwidth_kbps": true, "latency_ms": 3}]"#
    let error = traceError { _ = try NetworkTrace.parse(json, source: "n.json") }
    #expect(error?.text == "n.json: at $[0].bandwidth_kbps: expected a number, found a boolean")
  }

  @Test func aNegativeLatencyIsRejected() {
    let json = #"[{"duration_ms": 1, "bandwidth_kbps": 2, "latency_ms": -3}]"#
    let error = traceError { _ = try NetworkTrace.parse(json, source: "n.json") }
    #expect(error?.text == "n.json: at $[0].latency_ms: negative value -3.0")
  }

  @Test func aZeroDurationPeriodIsRejected() {
    let json = #"[{"duration_ms": 0, "bandwidth_kbps": 2, "latency_ms": 3}]"#
    let error = traceError { _ = try NetworkTrace.parse(json, source: "n.json") }
    #expect(error?.text == "n.json: at $[0].duration_ms: period of zero duration")
  }

  @Test func anEmptyArrayIsAnEmptyTrace() {
    let error = traceError { _ = try NetworkTrace.parse("[]", source: "n.json") }
    #expect(error?.text == "n.json: at $: empty trace: the array has no periods")
  }

  @Test func malformedJSONIsRejectedInOneLine() {
    let error = traceError { _ = try NetworkTrace.parse("[{\"duration_ms\": 1,", source: "n.json") }
    #expect(error?.text == "n.json: malformed JSON")
  }
}
