/// The frame-level playback clock of a session. Frames are displayed in order, one frame
/// interval each (shorter while catching up); a frame displays at the end of the previous one or
/// when it arrives, whichever is later (a stall in between). Frames not yet displayed may be
/// replaced (fast switching). All times are session ms.
///
/// Startup and switches are measured to continuous playback: a freeze within the settle window
/// after the first frame (or a switch frame) belongs to the startup (or the switch), which then
/// ends when the frame after that freeze is shown. Freezes of the startup are not rebuffering.
struct FramePlayout: Sendable {
  struct BufferedFrame: Sendable {
    var arrivalMs: Double
    var quality: Int
    /// Decoded from a continuation that started at an init packet and has not yet met a keyframe.
    var isSpliced: Bool
    var bits: Double
  }

  let frameMs: Double
  /// Live: capture time of frame k is `captureOffsetMs + k * frameMs`; nil in VoD.
  let captureOffsetMs: Double?
  let targetLatencyMs: Double
  let catchupRate: Double?
  /// Catch-up only while at least this much media is buffered ahead, so playing faster never
  /// eats into the media that must bridge the wait for the next request unit.
  let catchupMinimumBufferMs: Double
  /// Frames after the first frame or a switch frame within which a freeze belongs to it.
  let settleFrames: Int
  let bitratesKbps: [Double]

  /// Buffered (downloaded, not yet displayed) frames by frame number.
  private(set) var buffered: [Int: BufferedFrame] = [:]
  /// The first frame at or after `nextToPlay` that is not buffered.
  private var bufferedEnd: Int
  /// The next frame to display.
  private(set) var nextToPlay: Int
  /// When the next frame may start (the previous one's end); nil before playback starts.
  private(set) var clockMs: Double?
  /// Display of the first frame.
  private(set) var firstDisplayMs: Double?
  /// Display of the frame after the last freeze of the startup window (= `firstDisplayMs` when
  /// playback ran on without a freeze).
  private(set) var continuousStartMs: Double?
  private var startupWindowEnd: Int?
  /// Changes of the displayed quality.
  private(set) var displayedQualityChanges = 0
  private(set) var lastDisplayedQuality: Int?
  private(set) var playedFrames = 0
  private(set) var playedSplicedFrames = 0
  private(set) var playedBitrateSumKbps = 0.0
  private(set) var playedBits = 0.0
  /// Freezes after the startup window.
  private(set) var stallMs = 0.0
  private(set) var stallEvents = 0
  private(set) var stalls: [(startMs: Double, endMs: Double)] = []
  private(set) var latencySamplesMs: [Double] = []
  /// (display time, quality) of every displayed quality change, for the timeline and reaction time.
  private(set) var qualitySteps: [(timeMs: Double, quality: Int)] = []
  /// Frames someone asked to watch (switch frames).
  var watched: Set<Int> = []
  /// The last watched frame displayed and the end of its settle window.
  private var activeWatch: (frame: Int, windowEnd: Int)?
  /// (display time, media buffered ahead in ms), every few displayed frames, for the timeline.
  private(set) var bufferSamples: [(timeMs: Double, levelMs: Double)] = []
  private(set) var displayMsOfWatched: [Int: Double] = [:]
  /// Display of the frame after the last freeze in a watched frame's settle window.
  private(set) var continuousMsOfWatched: [Int: Double] = [:]

  init(
    firstFrame: Int, frameMs: Double, captureOffsetMs: Double?, targetLatencyMs: Double,
    catchupRate: Double?,
    catchupMinimumBufferMs: Double, settleWindowMs: Double, bitratesKbps: [Double]
  ) {
    nextToPlay = firstFrame
    bufferedEnd = firstFrame
    self.frameMs = frameMs
    self.captureOffsetMs = captureOffsetMs
    self.targetLatencyMs = targetLatencyMs
    self.catchupRate = catchupRate
    self.catchupMinimumBufferMs = catchupMinimumBufferMs
    settleFrames = max(1, Int((settleWindowMs / frameMs).rounded(.up)))
    self.bitratesKbps = bitratesKbps
  }

  /// Moves the playhead before playback starts (the join frame).
  mutating func start(at frame: Int) {
    precondition(firstDisplayMs == nil, "the playhead moves only before playback")
    nextToPlay = frame
    bufferedEnd = frame
    while buffered[bufferedEnd] != nil { bufferedEnd += 1 }
  }

  mutating func add(frame: Int, _ value: BufferedFrame) {
    buffered[frame] = value
    while buffered[bufferedEnd] != nil { bufferedEnd += 1 }
  }

  /// Drops buffered frames from `frame` on; returns the bits thrown away.
  mutating func discard(from frame: Int) -> Double {
    var bits = 0.0
    for (key, value) in buffered where key >= frame {
      bits += value.bits
      buffered[key] = nil
    }
    if frame < bufferedEnd { bufferedEnd = max(frame, nextToPlay) }
    return bits
  }

  /// Contiguous buffered frames ahead of the playhead.
  var bufferedFrameCount: Int { bufferedEnd - nextToPlay }

  /// Media ahead of the playhead at `nowMs`, in ms (contiguous buffered frames).
  func bufferLevelMs(atMs nowMs: Double) -> Double {
    var level = Double(bufferedFrameCount) * frameMs
    if let clockMs, clockMs > nowMs { level += clockMs - nowMs }
    return level
  }

  /// The time frame `frame` (>= `nextToPlay`) would display if everything before it were there.
  func scheduledDisplayMs(of frame: Int, nowMs: Double) -> Double {
    let base = max(clockMs ?? nowMs, nowMs)
    return base + Double(frame - nextToPlay) * frameMs
  }

  func captureMs(_ frame: Int) -> Double? { captureOffsetMs.map { $0 + Double(frame) * frameMs } }

  /// Displays every frame whose display starts at or before `nowMs`.
  mutating func advance(toMs nowMs: Double) {
    while let frame = buffered[nextToPlay] {
      let start = max(clockMs ?? frame.arrivalMs, frame.arrivalMs)
      guard start <= nowMs else { return }
      if let clockMs, frame.arrivalMs > clockMs {
        noteFreeze(fromMs: clockMs, toMs: frame.arrivalMs)
      }
      if firstDisplayMs == nil {
        firstDisplayMs = start
        continuousStartMs = start
        startupWindowEnd = nextToPlay + settleFrames
      }
      if watched.contains(nextToPlay) {
        displayMsOfWatched[nextToPlay] = start
        continuousMsOfWatched[nextToPlay] = start
        activeWatch = (nextToPlay, nextToPlay + settleFrames)
      }
      var durationMs = frameMs
      if let capture = captureMs(nextToPlay) {
        let latency = start - capture
        latencySamplesMs.append(latency)
        if let catchupRate, latency > targetLatencyMs + frameMs / 2,
          Double(bufferedFrameCount - 1) * frameMs >= catchupMinimumBufferMs
        {
          durationMs = frameMs / catchupRate
        }
      }
      if lastDisplayedQuality != frame.quality {
        if lastDisplayedQuality != nil { displayedQualityChanges += 1 }
        lastDisplayedQuality = frame.quality
        qualitySteps.append((start, frame.quality))
      }
      if playedFrames % 6 == 0 {
        bufferSamples.append((start, Double(bufferedFrameCount) * frameMs))
      }
      playedFrames += 1
      if frame.isSpliced { playedSplicedFrames += 1 }
      playedBitrateSumKbps += bitratesKbps[frame.quality]
      playedBits += frame.bits
      buffered[nextToPlay] = nil
      nextToPlay += 1
      if bufferedEnd < nextToPlay { bufferedEnd = nextToPlay }
      clockMs = start + durationMs
    }
  }

  /// A freeze before frame `nextToPlay`: part of the startup inside its window, else a stall
  /// (and, inside a switch's window, part of that switch).
  private mutating func noteFreeze(fromMs startMs: Double, toMs endMs: Double) {
    if let startupWindowEnd, nextToPlay < startupWindowEnd {
      continuousStartMs = endMs
      return
    }
    stallMs += endMs - startMs
    stallEvents += 1
    stalls.append((startMs, endMs))
    if let watch = activeWatch, nextToPlay < watch.windowEnd {
      continuousMsOfWatched[watch.frame] = endMs
    }
  }
}
