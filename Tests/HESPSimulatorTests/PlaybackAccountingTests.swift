import Testing

@testable import HESPSimulator

@Suite struct PlaybackAccountingTests {
  static func accounting() -> PlaybackAccounting {
    PlaybackAccounting(
      bitratesKbps: [1000, 2000], segmentDurationMs: 2000, maximumBufferMs: 10_000,
      rampupThreshold: nil)
  }

  @Test func timeWithAnEmptyBufferIsRebufferButNotAnEvent() {
    var playback = Self.accounting()
    playback.consume(500)
    #expect(playback.rebufferMs == 500)
    #expect(playback.rebufferEvents == 0)
    #expect(playback.totalPlayTimeMs == 500)
  }

  @Test func runningDryWhilePlayingIsOneRebufferEvent() {
    var playback = Self.accounting()
    playback.buffer.entries = [.init(quality: 0), .init(quality: 1)]
    playback.consume(4500)
    #expect(playback.rebufferMs == 500)
    #expect(playback.rebufferEvents == 1)
    #expect(playback.playedBitrateKbps == 3000)
    #expect(playback.bitrateChangeKbps == 1000)
  }

  @Test func aPartlyPlayedSegmentCountsOnceAndKeepsItsPlayedPart() {
    var playback = Self.accounting()
    playback.buffer.entries = [.init(quality: 1), .init(quality: 1)]
    playback.consume(700)
    #expect(playback.buffer.levelMs == 3300)
    playback.consume(700)
    #expect(playback.buffer.levelMs == 2600)
    #expect(playback.playedSegments == 1)
  }

  @Test func theSwitchRecordGetsThePlayStartOfItsSegment() {
    var playback = Self.accounting()
    playback.switches = [
      SwitchRecord(segmentIndex: 1, fromQuality: 0, toQuality: 1, decisionMs: 100)
    ]
    playback.buffer.entries = [.init(quality: 0), .init(quality: 1, switchRecord: 0)]
    playback.consume(3000)
    #expect(playback.switches[0].playStartMs == 2000)
    #expect(playback.switches[0].latencyMs == 1900)
  }
}

@Suite struct ReactionTrackerTests {
  @Test func aStepUpIsClosedWhenASegmentOfThatQualityStartsPlaying() {
    var tracker = ReactionTracker(maximumBufferMs: 10_000)
    tracker.networkQualityChanged(
      to: 2, from: 0, networkTimeMs: 1000, buffer: PlaybackBuffer(segmentDurationMs: 2000))
    tracker.segmentStartsPlaying(quality: 2, playTimeMs: 4000)
    tracker.process(nowMs: 20_000)
    #expect(tracker.totalReactionMs == 3000)
  }

  @Test func aStepUpNeverReachedCountsOneBufferCapacity() {
    var tracker = ReactionTracker(maximumBufferMs: 10_000)
    tracker.networkQualityChanged(
      to: 2, from: 0, networkTimeMs: 1000, buffer: PlaybackBuffer(segmentDurationMs: 2000))
    tracker.process(nowMs: 20_000)
    #expect(tracker.totalReactionMs == 10_000)
  }

  @Test func aStepAlreadyCoveredByTheBufferIsIgnored() {
    var buffer = PlaybackBuffer(segmentDurationMs: 2000)
    buffer.entries = [.init(quality: 3)]
    var tracker = ReactionTracker(maximumBufferMs: 10_000)
    tracker.networkQualityChanged(to: 2, from: 0, networkTimeMs: 1000, buffer: buffer)
    tracker.process(nowMs: 20_000)
    #expect(tracker.totalReactionMs == 0)
  }
}
