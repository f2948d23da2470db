/// Whether a ladder keeps up with real time, judged on the frames it drops: after a warm-up,
/// the slots are cut into windows, and a window fails when more than `failingDropShare` of its
/// frames were dropped. Only `failingWindowsInARow` failing windows in a row stop the stream
/// (`LiveError.cannotKeepUp`): a ladder that is too heavy fails every window, while a machine
/// busy for a moment (another process taking the cores) costs dropped frames, counted in
/// `/stats`, not the stream.
struct RealTimeCheck {
  static let windowSeconds = 2.0
  static let warmUpSeconds = 2.0
  static let failingDropShare = 0.25
  static let failingWindowsInARow = 3

  /// Slots (frames of the input's rate) per window and in the warm-up.
  let windowSlots: Int
  let warmUpSlots: Int
  private(set) var failingInARow = 0

  init(frameSeconds: Double) {
    windowSlots = max(1, Int(Self.windowSeconds / frameSeconds))
    warmUpSlots = Int(Self.warmUpSeconds / frameSeconds)
  }

  /// The window that ends once `slotsOffered` slots have been offered; nil: none ends there.
  func windowEnding(slotsOffered: Int) -> Range<Int>? {
    guard slotsOffered > warmUpSlots, slotsOffered % windowSlots == 0 else { return nil }
    return (slotsOffered - windowSlots)..<slotsOffered
  }

  /// Judges a window that ended with `droppedFrames` dropped: true when the stream must stop.
  mutating func judge(droppedFrames: Int) -> Bool {
    if Double(droppedFrames) > Self.failingDropShare * Double(windowSlots) {
      failingInARow += 1
    } else {
      failingInARow = 0
    }
    return failingInARow >= Self.failingWindowsInARow
  }
}
