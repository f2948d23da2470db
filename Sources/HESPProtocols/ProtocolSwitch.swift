/// One rendition switch of a protocol session. Times are session ms.
public struct ProtocolSwitch: Sendable, Equatable, Codable {
  public var fromQuality: Int
  public var toQuality: Int
  /// When the ABR first wanted the new quality (probed every decision interval and after every
  /// download), even if the protocol could act on it only later.
  public var decisionMs: Double
  /// When the player acted on it (request of the init packet, segment or part).
  public var requestMs: Double
  /// The first frame of the new track.
  public var frame: Int
  /// True when the switch replaced buffered media (fast switching); false when the new track
  /// starts at the end of the buffer.
  public var replacedBufferedMedia: Bool
  /// When that frame was displayed; nil if it never was (replaced by a later switch, or the
  /// session ended first).
  public var displayedMs: Double?
  /// When playback of the new track ran on without a freeze: the display of the frame after the
  /// last freeze within the settle window after `frame` (= `displayedMs` without one).
  public var continuousMs: Double?
  /// HESP: bytes of the init packet fetched for the switch (0 for the others).
  public var initPacketByteCount: Int
  /// HESP: the physical bound of this switch in ms, from its request: the time until init
  /// packet p and continuation frame p + 1 could both be shown in sequence on this link, every
  /// round trip included (init request; continuation request after the init packet's first
  /// bytes, unless the player knows the offsets). Nil for the others.
  public var boundMs: Double?

  public init(
    fromQuality: Int, toQuality: Int, decisionMs: Double, requestMs: Double, frame: Int,
    replacedBufferedMedia: Bool,
    displayedMs: Double? = nil, continuousMs: Double? = nil, initPacketByteCount: Int = 0,
    boundMs: Double? = nil
  ) {
    self.fromQuality = fromQuality
    self.toQuality = toQuality
    self.decisionMs = decisionMs
    self.requestMs = requestMs
    self.frame = frame
    self.replacedBufferedMedia = replacedBufferedMedia
    self.displayedMs = displayedMs
    self.continuousMs = continuousMs
    self.initPacketByteCount = initPacketByteCount
    self.boundMs = boundMs
  }

  /// True for a switch to a higher rung.
  public var isUp: Bool { toQuality > fromQuality }

  /// Decision to continuous playback of the new track (the switch latency).
  public var latencyMs: Double? { continuousMs.map { $0 - decisionMs } }

  /// Decision to the display of the new track's first frame.
  public var firstFrameLatencyMs: Double? { displayedMs.map { $0 - decisionMs } }

  /// Latency / physical bound (HESP only).
  public var ratioToBound: Double? {
    guard let latencyMs, let boundMs, boundMs > 0 else { return nil }
    return latencyMs / boundMs
  }
}
