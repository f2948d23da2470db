/// The frame-level playback clock of a session. Frames are displayed in order, one frame
/// interval each (shorter while catching up); a frame displays at the end of the previous one or
/// when it arrives, whichever is later (a stall in between). Frames not yet displayed may be
/// replaced (HESP fast switching). All times are session ms.
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
  let bitratesKbps: [Double]

  /// Buffered (downloaded, not yet displayed) frames by frame number.
  private(set) var buffered: [Int: BufferedFrame] = [:]
  /// The next frame to display.
  var nextToPlay: Int
  /// When the next frame may start (the previous one's end); nil before playback starts.
  private(set) var clockMs: Double?
  private(set) var firstDisplayMs: Double?
  /// Changes of the displayed quality.
  private(set) var displayedQualityChanges = 0
  private(set) var lastDisplayedQuality: Int?
  private(set) var playedFrames = 0
  private(set) var playedSplicedFrames = 0
  private(set) var playedBitrateSumKbps = 0.0
  private(set) var playedBits = 0.0
  private(set) var stallMs = 0.0
  private(set) var stallEvents = 0
  private(set) var stalls: [(startMs: Double, endMs: Double)] = []
  private(set) var latencySamplesMs: [Double] = []
  /// (display time, quality) of every displayed quality change, for the timeline and reaction time.
  private(set) var qualitySteps: [(timeMs: Double, quality: Int)] = []
  /// Display time of frames someone asked to watch (switch frames).
  var watched: Set<Int> = []
  /// (display time, media buffered ahead in ms), every few displayed frames, for the timeline.
  private(set) var bufferSamples: [(timeMs: Double, levelMs: Double)] = []
  private(set) var displayMsOfWatched: [Int: Double] = [:]

  init(
    firstFrame: Int, frameMs: Double, captureOffsetMs: Double?, targetLatencyMs: Double, catchupRate: Double?,
    bitratesKbps: [Double]
  ) {
    nextToPlay = firstFrame
    self.frameMs = frameMs
    self.captureOffsetMs = captureOffsetMs
    self.targetLatencyMs = targetLatencyMs
    self.catchupRate = catchupRate
    self.bitratesKbps = bitratesKbps
  }

  mutating func add(frame: Int, _ value: BufferedFrame) { buffered[frame] = value }

  /// Drops buffered frames from `frame` on; returns the bits thrown away.
  mutating func discard(from frame: Int) -> Double {
    var bits = 0.0
    for (key, value) in buffered where key >= frame {
      bits += value.bits
      buffered[key] = nil
    }
    return bits
  }

  /// Media ahead of the playhead at `nowMs`, in ms (contiguous buffered frames).
  func bufferLevelMs(atMs nowMs: Double) -> Double {
    var frame = nextToPlay
    while buffered[frame] != nil { frame += 1 }
    var level = Double(frame - nextToPlay) * frameMs
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
        stallMs += frame.arrivalMs - clockMs
        stallEvents += 1
        stalls.append((clockMs, frame.arrivalMs))
      }
      if firstDisplayMs == nil { firstDisplayMs = start }
      var durationMs = frameMs
      if let capture = captureMs(nextToPlay) {
        let latency = start - capture
        latencySamplesMs.append(latency)
        if let catchupRate, latency > targetLatencyMs + frameMs / 2, buffered[nextToPlay + 1] != nil {
          durationMs = frameMs / catchupRate
        }
      }
      if lastDisplayedQuality != frame.quality {
        if lastDisplayedQuality != nil { displayedQualityChanges += 1 }
        lastDisplayedQuality = frame.quality
        qualitySteps.append((start, frame.quality))
      }
      if watched.contains(nextToPlay) { displayMsOfWatched[nextToPlay] = start }
      if playedFrames % 6 == 0 {
        var ahead = nextToPlay + 1
        while buffered[ahead] != nil { ahead += 1 }
        bufferSamples.append((start, Double(ahead - nextToPlay) * frameMs))
      }
      playedFrames += 1
      if frame.isSpliced { playedSplicedFrames += 1 }
      playedBitrateSumKbps += bitratesKbps[frame.quality]
      playedBits += frame.bits
      buffered[nextToPlay] = nil
      nextToPlay += 1
      clockMs = start + durationMs
    }
  }
}
