import Testing

@testable import HESPPlayer

/// When the continuation reader asks for the next segment (`PrefetchTiming`): a round trip before
/// the current one ends, at the rate the response arrives at, not the rate of one burst.
struct PrefetchTimingTests {
  @Test("a burst read at once is no rate: no prefetch before the window")
  func aBurstIsNoRate() {
    var timing = PrefetchTiming(latencyMs: 60)
    timing.received(65_536, atMs: 100)
    timing.received(65_536, atMs: 100.01)
    #expect(timing.bytesPerMs == nil)
    #expect(!timing.shouldPrefetch(leftBytes: 100_000, isLastFrame: false))
  }

  @Test("the rate is the response's average after its first piece")
  func theRateIsTheAverage() {
    // 2.5 Mbit/s = 312.5 bytes per ms, in 1,448-byte pieces after a first piece of 16 KB.
    var timing = PrefetchTiming(latencyMs: 60)
    timing.received(16_384, atMs: 0)
    var now = 0.0
    for _ in 0..<100 {
      now += 1448 / 312.5
      timing.received(1448, atMs: now)
    }
    let rate = try? #require(timing.bytesPerMs)
    #expect(abs((rate ?? 0) - 312.5) < 0.01)
    // A round trip at that rate is 18,750 bytes.
    #expect(timing.shouldPrefetch(leftBytes: 18_000, isLastFrame: false))
    #expect(!timing.shouldPrefetch(leftBytes: 20_000, isLastFrame: false))
  }

  @Test("the segment's last frame always prefetches")
  func theLastFramePrefetches() {
    let timing = PrefetchTiming(latencyMs: 60)
    #expect(timing.shouldPrefetch(leftBytes: 1_000_000, isLastFrame: true))
  }

  @Test("the window is at least a round trip")
  func theWindowIsARoundTrip() {
    var timing = PrefetchTiming(latencyMs: 120)
    timing.received(1000, atMs: 0)
    timing.received(1000, atMs: 50)
    #expect(timing.bytesPerMs == nil)
    timing.received(1000, atMs: 120)
    #expect(timing.bytesPerMs == 2000.0 / 120)
  }
}
