import Foundation
import Testing

@testable import HESPTraces

@Suite struct MahimahiImporterTests {
  @Test func opportunitiesAreCountedPerBinAt12000BitsEach() throws {
    // 3 opportunities in [0,100), 1 in [100,200): 3*12000/100 = 360 kbps, then 120 kbps.
    let trace = try NetworkTrace.parse("0\n0\n50\n100\n200\n", format: .mahimahi)
    #expect(trace.periods.map(\.bandwidthKbps) == [360, 240])
    #expect(trace.periods.map(\.durationMs) == [100, 100])
  }

  @Test func oneOpportunityPerMillisecondIs12Mbps() throws {
    let text = (0...1000).map(String.init).joined(separator: "\n")
    let trace = try NetworkTrace.parse(text, format: .mahimahi, options: .init(mahimahiBinMs: 1000))
    #expect(trace.periods.count == 1)
    #expect(trace.periods[0].bandwidthKbps == 12_012)  // 1001 lines over the 1000 ms loop
  }

  @Test func aTrailingPartialBinIsAShorterPeriodEndingAtTheLastTimestamp() throws {
    let trace = try NetworkTrace.load(from: TraceFixtures.mahimahi)  // last timestamp 1996 ms
    #expect(trace.periods.count == 20)
    #expect(trace.durationMs == 1996)
    #expect(trace.periods.last?.durationMs == 96)
    let lines = try String(contentsOf: TraceFixtures.mahimahi, encoding: .utf8).split(
      separator: "\n"
    ).count
    let meanKbps = TraceStatistics(trace).meanKbps
    #expect(abs(meanKbps - Double(lines) * 12_000 / 1996) < 1e-6)
  }

  @Test func theBinWidthIsAnOption() throws {
    let trace = try NetworkTrace.load(
      from: TraceFixtures.mahimahi, options: .init(mahimahiBinMs: 1000))
    #expect(trace.periods.map(\.durationMs) == [1000, 996])
    #expect(trace.periods[0].bandwidthKbps == 1014 * 12)  // 1014 lines below 1000 ms
  }

  @Test func periodsGetTheDefaultLatency() throws {
    let trace = try NetworkTrace.parse(
      "0\n10\n", format: .mahimahi, options: .init(defaultLatencyMs: 35))
    #expect(trace.periods.allSatisfy { $0.latencyMs == 35 })
  }

  @Test func unsortedTimestampsAreRejectedWithTheirLine() {
    let error = traceError {
      _ = try NetworkTrace.parse("0\n5\n3\n", format: .mahimahi, source: "t.down")
    }
    #expect(error?.text == "t.down:3: timestamps not sorted: 3 ms after 5 ms")
  }

  @Test func aNegativeTimestampIsRejected() {
    let error = traceError {
      _ = try NetworkTrace.parse("0\n-5\n", format: .mahimahi, source: "t.down")
    }
    #expect(error?.text == "t.down:2: negative timestamp -5")
  }

  @Test func aNonNumericLineIsRejected() {
    let error = traceError {
      _ = try NetworkTrace.parse("0\n1.5\n", format: .mahimahi, source: "t.down")
    }
    #expect(
      error?.text == "t.down:2: expected one non-negative integer (ms timestamp), found '1.5'")
  }

  @Test func aTraceWhoseLastTimestampIsZeroHasZeroDurationAndIsRejected() {
    let error = traceError {
      _ = try NetworkTrace.parse("0\n0\n", format: .mahimahi, source: "t.down")
    }
    #expect(error?.text.hasPrefix("t.down:2: zero duration") == true)
  }

  @Test func anEmptyFileIsRejected() {
    let error = traceError {
      _ = try NetworkTrace.parse("\n\n", format: .mahimahi, source: "t.down")
    }
    #expect(error?.text == "t.down: empty trace: no timestamps")
  }

  @Test func aFractionalBinWidthIsRejected() {
    let error = traceError {
      _ = try NetworkTrace.parse("0\n10\n", options: .init(mahimahiBinMs: 2.5))
    }
    #expect(error?.text.contains("mahimahi bin width") == true)
  }
}
