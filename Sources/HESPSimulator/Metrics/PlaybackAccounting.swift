import Foundation

/// Plays the buffer out over time and keeps Sabre's session accumulators (played bitrate and
/// utility, bitrate changes, rebuffering, play time, ramp-up, reaction time) plus the per-switch
/// play-start times. `consume` is Sabre's `deplete_buffer`, operation for operation.
public struct PlaybackAccounting: Sendable {
  public var buffer: PlaybackBuffer
  public var reaction: ReactionTracker
  public var switches: [SwitchRecord] = []

  let bitratesKbps: [Double]
  /// `ln(b_q / b_0)`, Sabre's played utility.
  let utilities: [Double]
  /// Ramp-up target quality; nil means the network's sustainable quality (Sabre `-rmp`).
  let rampupThreshold: Int?

  public private(set) var totalPlayTimeMs: Double = 0
  public private(set) var rebufferMs: Double = 0
  public private(set) var rebufferEvents = 0
  public private(set) var playedBitrateKbps: Double = 0
  public private(set) var playedUtility: Double = 0
  public private(set) var bitrateChangeKbps: Double = 0
  public private(set) var logBitrateChange: Double = 0
  public private(set) var rampupTimeMs: Double?
  public private(set) var playedSegments = 0
  var lastPlayed: Int?
  var rampupOriginMs: Double = 0
  /// The current period's sustainable quality (set by the session as the link enters periods).
  public var sustainableQuality = 0

  public init(
    bitratesKbps: [Double], segmentDurationMs: Double, maximumBufferMs: Double,
    rampupThreshold: Int?
  ) {
    self.bitratesKbps = bitratesKbps
    let offset = 0 - log(bitratesKbps[0])
    self.utilities = bitratesKbps.map { log($0) + offset }
    self.buffer = PlaybackBuffer(segmentDurationMs: segmentDurationMs)
    self.reaction = ReactionTracker(maximumBufferMs: maximumBufferMs)
    self.rampupThreshold = rampupThreshold
  }

  /// Play time that passes without a download (startup download: no playback, no stall).
  mutating func addStartupTime(_ timeMs: Double) {
    totalPlayTimeMs += timeMs
  }

  /// `timeMs` of wall time passes: play what is buffered, stall for the rest.
  public mutating func consume(_ timeMs: Double) {
    var time = timeMs
    let segmentMs = buffer.segmentDurationMs
    if buffer.entries.isEmpty {
      rebufferMs += time
      totalPlayTimeMs += time
      return
    }
    if buffer.firstEntryPlayedMs > 0 {
      if time + buffer.firstEntryPlayedMs < segmentMs {
        buffer.firstEntryPlayedMs += time
        totalPlayTimeMs += time
        return
      }
      time -= segmentMs - buffer.firstEntryPlayedMs
      totalPlayTimeMs += segmentMs - buffer.firstEntryPlayedMs
      buffer.entries.removeFirst()
      buffer.firstEntryPlayedMs = 0
    }
    while time > 0, let entry = buffer.entries.first {
      startPlaying(entry)
      if time >= segmentMs {
        buffer.entries.removeFirst()
        totalPlayTimeMs += segmentMs
        time -= segmentMs
      } else {
        buffer.firstEntryPlayedMs = time
        totalPlayTimeMs += time
        time = 0
      }
    }
    if time > 0 {
      rebufferMs += time
      totalPlayTimeMs += time
      rebufferEvents += 1
    }
    reaction.process(nowMs: totalPlayTimeMs)
  }

  mutating func startPlaying(_ entry: PlaybackBuffer.Entry) {
    let quality = entry.quality
    playedSegments += 1
    playedUtility += utilities[quality]
    playedBitrateKbps += bitratesKbps[quality]
    if let last = lastPlayed, quality != last {
      bitrateChangeKbps += abs(bitratesKbps[quality] - bitratesKbps[last])
      logBitrateChange += abs(log(bitratesKbps[quality] / bitratesKbps[last]))
    }
    lastPlayed = quality
    if rampupTimeMs == nil, quality >= (rampupThreshold ?? sustainableQuality) {
      rampupTimeMs = totalPlayTimeMs - rampupOriginMs
    }
    reaction.segmentStartsPlaying(quality: quality, playTimeMs: totalPlayTimeMs)
    if let record = entry.switchRecord {
      switches[record].playStartMs = totalPlayTimeMs
    }
  }

  /// Plays out everything left at the end of the session (Sabre `playout_buffer`).
  public mutating func playOut() {
    consume(buffer.levelMs)
    buffer.entries.removeAll()
    buffer.firstEntryPlayedMs = 0
  }
}
