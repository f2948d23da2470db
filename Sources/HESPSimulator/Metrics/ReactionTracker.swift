/// Sabre's reaction-time bookkeeping: every upward step of the network-sustainable quality opens
/// a pending entry; it is closed when a segment of at least that quality starts playing (or the
/// network falls back below it) and counts for at most one buffer capacity.
public struct ReactionTracker: Sendable, Equatable {
  struct Pending: Sendable, Equatable {
    var startMs: Double
    var quality: Int
    var reachedMs: Double?
  }

  /// Buffer capacity in ms: the cap of every reaction time.
  public let maximumBufferMs: Double
  var pending: [Pending] = []
  /// Sum of the matured reaction times, in ms.
  public private(set) var totalReactionMs: Double = 0

  public init(maximumBufferMs: Double) {
    self.maximumBufferMs = maximumBufferMs
  }

  /// Matures the entries older than one buffer capacity (Sabre `process_quality_up`).
  mutating func process(nowMs: Double) {
    let cutoff = nowMs - maximumBufferMs
    while let first = pending.first, first.startMs < cutoff {
      pending.removeFirst()
      if let reached = first.reachedMs {
        totalReactionMs += min(maximumBufferMs, reached - first.startMs)
      } else {
        totalReactionMs += maximumBufferMs
      }
    }
  }

  /// A segment of `quality` starts playing at `playTimeMs`.
  mutating func segmentStartsPlaying(quality: Int, playTimeMs: Double) {
    for i in pending.indices where pending[i].reachedMs == nil && quality >= pending[i].quality {
      pending[i].reachedMs = playTimeMs
    }
  }

  /// The network's sustainable quality changed (Sabre `advertize_new_network_quality`).
  mutating func networkQualityChanged(
    to quality: Int, from previous: Int, networkTimeMs: Double, buffer: PlaybackBuffer
  ) {
    networkQualityChanged(
      to: quality, from: previous, networkTimeMs: networkTimeMs,
      highestBufferedQuality: buffer.entries.map(\.quality).max())
  }

  /// The same, given only the highest quality in the buffer (nil when it is empty).
  mutating func networkQualityChanged(
    to quality: Int, from previous: Int, networkTimeMs: Double, highestBufferedQuality: Int?
  ) {
    process(nowMs: networkTimeMs)
    for i in pending.indices where pending[i].reachedMs == nil && pending[i].quality > quality {
      pending[i].reachedMs = networkTimeMs
    }
    if quality <= previous { return }
    if let highest = highestBufferedQuality, quality <= highest { return }
    if pending.contains(where: { quality <= $0.quality }) { return }
    pending.append(Pending(startMs: networkTimeMs, quality: quality))
  }
}
