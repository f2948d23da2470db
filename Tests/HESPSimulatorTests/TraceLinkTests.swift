import HESPABR
import HESPTraces
import Testing

@testable import HESPSimulator

@Suite struct TraceLinkTests {
  /// 1 s at 1000 kbit/s with 100 ms latency, then 1 s at 2000 kbit/s with 300 ms latency.
  static let twoPeriods = NetworkTrace(periods: [
    .init(durationMs: 1000, bandwidthKbps: 1000, latencyMs: 100),
    .init(durationMs: 1000, bandwidthKbps: 2000, latencyMs: 300),
  ])

  @Test func aPayloadCrossingAPeriodBoundaryFlowsAtEachPeriodsBandwidth() {
    var link = TraceLink(trace: Self.twoPeriods)
    link.idle(durationMs: 500)
    // 500 ms at 1000 bits/ms = 500,000 bits, then 100,000 bits at 2000 bits/ms = 50 ms.
    #expect(link.transfer(sizeBits: 600_000) == 550)
    #expect(link.networkTimeMs == 1050)
    #expect(link.periodIndex == 1)
  }

  @Test func aLatencyCrossingAPeriodBoundaryIsSplitProportionally() {
    var link = TraceLink(trace: Self.twoPeriods)
    link.idle(durationMs: 950)
    // 50 ms = half a latency of period 0; the other half unit costs 150 ms in period 1.
    #expect(link.latencyDelay(units: 1) == 200)
  }

  @Test func theTraceLoopsWhenItEnds() {
    var link = TraceLink(trace: Self.twoPeriods)
    // One pass carries 3,000,000 bits in 2 s; 1,000 more bits take 1 ms back in period 0.
    #expect(link.transfer(sizeBits: 3_001_000) == 2001)
    #expect(link.periodIndex == 0)
    #expect(link.enteredPeriods.map(\.periodIndex) == [0, 1, 0])
  }

  @Test func idleTimeAdvancesTheTrace() {
    var link = TraceLink(trace: Self.twoPeriods)
    link.idle(durationMs: 2500)
    #expect(link.periodIndex == 0)
    #expect(link.transfer(sizeBits: 1000) == 1)
  }

  @Test func aRequestChargesLatencyThenPayload() {
    var link = TraceLink(trace: Self.twoPeriods)
    let download = link.download(sizeBits: 100_000, segmentIndex: 0, quality: 0, bufferLevelMs: 0)
    #expect(download.report.timeToFirstBitMs == 100)
    #expect(download.report.timeMs == 200)
    #expect(download.completed)
  }

  @Test func aTransferOnAnAllZeroTraceStopsAtTheTimeLimit() {
    var link = TraceLink(
      trace: NetworkTrace(periods: [.init(durationMs: 1000, bandwidthKbps: 0, latencyMs: 20)]))
    link.timeLimitMs = 60_000
    let download = link.download(sizeBits: 1000, segmentIndex: 0, quality: 0, bufferLevelMs: 0)
    #expect(!download.completed)
    #expect(link.networkTimeMs > 60_000 && link.networkTimeMs <= 61_020)
  }

  @Test func aHugeLatencyOverShortPeriodsStopsAtTheTimeLimit() {
    let trace = NetworkTrace(periods: [.init(durationMs: 1, bandwidthKbps: 1000, latencyMs: 1e12)])
    var link = TraceLink(trace: trace)
    link.timeLimitMs = 1000
    let download = link.download(sizeBits: 1000, segmentIndex: 0, quality: 0, bufferLevelMs: 0)
    #expect(!download.completed)
    #expect(link.networkTimeMs <= 1002)
  }

  @Test func progressStepsWithAbandonmentAddUpToTheSameDownload() {
    var plain = TraceLink(trace: Self.twoPeriods)
    var stepped = TraceLink(trace: Self.twoPeriods)
    let a = plain.download(sizeBits: 1_500_000, segmentIndex: 0, quality: 0, bufferLevelMs: 0)
    var checks = 0
    let b = stepped.download(sizeBits: 1_500_000, segmentIndex: 0, quality: 0, bufferLevelMs: 0) {
      _, _, _ in
      checks += 1
      return nil
    }
    #expect(abs(a.report.timeMs - b.report.timeMs) < 1e-6)
    #expect(checks > 10)
  }
}
