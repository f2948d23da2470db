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
  /// When that frame was displayed; nil if it never was (replaced by a later switch, or the
  /// session ended first).
  public var displayedMs: Double?
  /// HESP: bytes of the init packet fetched for the switch (0 for the others).
  public var initPacketByteCount: Int
  /// HESP: the physical bound of this switch in ms: link latency at the request + the init
  /// packet's transfer time on the link + one frame interval (nil for the others).
  public var boundMs: Double?

  /// Decision to display of the new track's first frame.
  public var latencyMs: Double? { displayedMs.map { $0 - decisionMs } }

  /// Measured latency / physical bound (HESP only).
  public var ratioToBound: Double? {
    guard let latencyMs, let boundMs, boundMs > 0 else { return nil }
    return latencyMs / boundMs
  }
}
