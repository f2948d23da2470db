import Testing

@testable import HESPLive

/// When `hesp live` gives up on real time: a ladder that drops more than a quarter of the
/// frames of three 2 s windows in a row stops; a busy moment costs frames, not the stream.
@Suite struct RealTimeCheckTests {
  /// Judges every window of `drops` (dropped frames per window) at 30 frames per second; the
  /// number of the window that stopped the stream, or nil.
  func stoppingWindow(_ drops: [Int]) -> Int? {
    var check = RealTimeCheck(frameSeconds: 1.0 / 30)
    var window = 0
    for slots in 1...((drops.count + 1) * 60) {
      guard let range = check.windowEnding(slotsOffered: slots) else { continue }
      #expect(range.count == 60)
      if check.judge(droppedFrames: drops[window]) { return window }
      window += 1
    }
    return nil
  }

  @Test func windowsAreTwoSecondsOfSlotsAndStartAfterTheWarmUp() {
    let check = RealTimeCheck(frameSeconds: 1.0 / 30)
    #expect(check.windowEnding(slotsOffered: 60) == nil)
    #expect(check.windowEnding(slotsOffered: 119) == nil)
    #expect(check.windowEnding(slotsOffered: 120) == 60..<120)
    #expect(check.windowEnding(slotsOffered: 180) == 120..<180)
    #expect(RealTimeCheck(frameSeconds: 1.0 / 25).windowEnding(slotsOffered: 100) == 50..<100)
  }

  @Test func aLadderThatDropsMostFramesStopsAtTheThirdFailingWindow() {
    #expect(stoppingWindow([40, 40, 40, 40]) == 2)
    #expect(stoppingWindow([0, 16, 16, 16, 0]) == 3)
  }

  @Test func aBusyMomentCostsFramesNotTheStream() {
    #expect(stoppingWindow([60, 60, 0, 60, 60, 0, 60, 0]) == nil)
  }

  @Test func aQuarterOfAWindowDroppedIsStillKeepingUp() {
    #expect(stoppingWindow([15, 15, 15, 15]) == nil)
  }
}
