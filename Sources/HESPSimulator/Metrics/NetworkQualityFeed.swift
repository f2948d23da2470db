/// The second half of Sabre's `next_network_period`, run by the link at every period it enters:
/// the period's network-sustainable quality and, when it changes, the reaction-time bookkeeping
/// (`advertize_new_network_quality`).
///
/// It runs inside the link's loops so that a session's memory does not grow with the number of
/// periods one transfer crosses (a long stall over a trace of 1 ms periods crosses millions).
/// During one link operation the player's buffer does not change, so the feed holds the highest
/// buffered quality of that moment and the session's reaction tracker, which the session lends it
/// around each operation (`SegmentEventSession.onLink`).
struct NetworkQualityFeed: Sendable {
  /// Sustainable quality of each trace period.
  let qualityByPeriod: [Int]
  /// The quality of the last period entered (nil before the first).
  private(set) var current: Int?
  /// The session's tracker, lent for the duration of a link operation.
  var reaction: ReactionTracker
  /// Highest quality in the buffer during the current link operation (nil: empty buffer).
  var highestBufferedQuality: Int?

  init(qualityByPeriod: [Int], maximumBufferMs: Double) {
    self.qualityByPeriod = qualityByPeriod
    reaction = ReactionTracker(maximumBufferMs: maximumBufferMs)
  }

  /// The link entered `periodIndex` at `networkTimeMs`.
  mutating func enter(periodIndex: Int, networkTimeMs: Double) {
    let quality = qualityByPeriod[periodIndex]
    if let previous = current, previous != quality {
      reaction.networkQualityChanged(
        to: quality, from: previous, networkTimeMs: networkTimeMs,
        highestBufferedQuality: highestBufferedQuality)
    }
    current = quality
  }
}
