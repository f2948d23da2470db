/// One quality switch: when the player decided it and when the first segment of the new
/// quality started playing. All times are play-clock ms since the session started.
public struct SwitchRecord: Sendable, Equatable, Codable {
  /// The first segment of the new quality.
  public var segmentIndex: Int
  public var fromQuality: Int
  public var toQuality: Int
  /// When the ABR decided the segment's quality.
  public var decisionMs: Double
  /// When that segment started playing; nil if the session ended first.
  public var playStartMs: Double?

  /// Decision to display of the new quality.
  public var latencyMs: Double? { playStartMs.map { $0 - decisionMs } }
}
