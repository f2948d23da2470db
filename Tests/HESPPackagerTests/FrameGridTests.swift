import HESPFFmpeg
import Testing

@testable import HESPPackager

@Suite struct FrameGridTests {
  @Test func integerRatesUse512TicksPerFrame() {
    let grid = FrameGrid(frameRateNumerator: 30, frameRateDenominator: 1)
    #expect(grid.timescale == 15360 && grid.frameDurationTicks == 512)
    #expect(grid.decodeTimeTicks(ofFrame: 10) == 5120)
    #expect(FrameGrid(frameRateNumerator: 25, frameRateDenominator: 1).timescale == 12800)
  }

  @Test func fractionalRatesUseTheirOwnFraction() {
    let grid = FrameGrid(frameRateNumerator: 30000, frameRateDenominator: 1001)
    #expect(grid.timescale == 30000 && grid.frameDurationTicks == 1001)
    #expect(grid.frames(inSeconds: 2) == 60)
  }

  @Test func secondsRoundToWholeFramesAndNeverToZero() {
    let grid = FrameGrid(frameRateNumerator: 25, frameRateDenominator: 1)
    #expect(grid.frames(inSeconds: 2) == 50)
    #expect(grid.frames(inSeconds: 0.3) == 8)
    #expect(grid.frames(inSeconds: 0.001) == 1)
    #expect(grid.seconds(ofFrames: 50) == 2)
  }
}

/// One PSNR for packager and verify: identical pictures are infinitely close (nil), written as
/// 100 dB where a document needs a number.
@Suite struct LumaPSNRTests {
  @Test func identicalPicturesHaveNoFinitePSNRAndAreWrittenAs100dB() throws {
    let a = try SyntheticFrames.flat(luma: 100)
    #expect(LumaPSNR.decibels(meanSquaredError: 0) == nil)
    #expect(LumaPSNR.cappedDecibels(a, a, width: 16, height: 16) == LumaPSNR.maximumDecibels)
  }

  @Test func aUniformDifferenceOfOneIs48Point13dB() throws {
    let a = try SyntheticFrames.flat(luma: 100)
    let b = try SyntheticFrames.flat(luma: 101)
    #expect(LumaPSNR.squaredErrorSum(a, b, width: 16, height: 16) == 256)
    #expect(abs(LumaPSNR.cappedDecibels(a, b, width: 16, height: 16) - 48.1308) < 0.001)
  }
}

@Suite struct BlockingQueueTests {
  @Test func itemsComeOutInOrderAndCloseEndsTheStream() {
    let queue = BlockingQueue<Int>(capacity: 4)
    #expect(queue.push(1) && queue.push(2))
    queue.close()
    #expect(queue.pop() == 1)
    #expect(queue.pop() == 2)
    #expect(queue.pop() == nil)
  }

  @Test func aCancelledQueueRefusesPushesSoTheProducerStops() {
    let queue = BlockingQueue<Int>(capacity: 1)
    #expect(queue.push(1))
    queue.cancel()
    #expect(!queue.push(2))
    #expect(queue.pop() == nil)
  }
}
