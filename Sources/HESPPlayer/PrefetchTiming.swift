/// When the continuation reader requests the next segment: when what is left of the current
/// one takes about a round trip at the rate this response is arriving, so the next segment's
/// first byte comes as the current one ends. Too early, and two responses share the link (each
/// frame of the current one then arrives at a fraction of the link's rate, which the throughput
/// estimate sees, and the two flows build a queue at the bottleneck); too late, and the link
/// idles for up to a round trip per segment.
///
/// The rate is the response's own average since its first piece of body, not the rate of one
/// piece: pieces arrive in bursts (a TCP window, a socket buffer read at once), and a burst's
/// bytes over the microseconds it took to read them is no rate at all (issue 18: such samples
/// had every next segment requested right after the previous one's first byte).
struct PrefetchTiming: Sendable {
  /// The response's time to first byte (its request to its head), ms.
  let latencyMs: Double
  /// When the first piece of body arrived, and its size (excluded from the rate: it may have
  /// waited in a buffer).
  private var firstPiece: (atMs: Double, bytes: Int)?
  /// Body bytes received on this response.
  private(set) var receivedBytes = 0
  private var lastPieceMs = 0.0

  /// The rate is trusted once pieces have come for this long (and one round trip), ms.
  static let minimumWindowMs = 20.0

  init(latencyMs: Double) { self.latencyMs = latencyMs }

  /// A piece of `bytes` of body arrived at `atMs` (session ms).
  mutating func received(_ bytes: Int, atMs: Double) {
    if firstPiece == nil { firstPiece = (atMs, bytes) }
    receivedBytes += bytes
    lastPieceMs = atMs
  }

  /// Bytes per ms since the first piece, nil until the window is long enough.
  var bytesPerMs: Double? {
    guard let firstPiece else { return nil }
    let windowMs = lastPieceMs - firstPiece.atMs
    guard windowMs >= max(Self.minimumWindowMs, latencyMs) else { return nil }
    return Double(receivedBytes - firstPiece.bytes) / windowMs
  }

  /// True when the next segment should be requested now: `leftBytes` of the current segment are
  /// still to come, and they take at most a round trip at the measured rate (always on the
  /// segment's last frame).
  func shouldPrefetch(leftBytes: Int, isLastFrame: Bool) -> Bool {
    if isLastFrame { return true }
    guard let rate = bytesPerMs else { return false }
    return Double(leftBytes) <= latencyMs * rate
  }
}
