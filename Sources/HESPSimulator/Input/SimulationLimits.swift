import HESPTraces

/// The bounds of what a session simulates, so that its time and memory stay bounded on any
/// input. With traces held to `TraceLimits` (periods of at least 1 ms), a session takes at most
/// one link step per simulated millisecond plus a few per segment, and its memory follows the
/// number of segments, never the number of trace periods it crosses.
public enum SimulationLimits {
  /// Longest content (segments x segment duration): 7 days.
  public static let maximumContentMs = 7 * 86_400_000.0
  /// Most segments in a movie: 1,000,000 (a 10-hour session of 3 s segments has 12,000).
  public static let maximumSegmentCount = 1_000_000
  /// Longest simulated-time limit of a session (`--max-session`): 15 days, which covers the
  /// default of 2 x content + 60 s for the longest content.
  public static let maximumSessionMs = 15 * 86_400_000.0
  /// Highest nominal bitrate of a level: the trace bandwidth limit, 100 Gbit/s.
  public static let maximumBitrateKbps = TraceLimits.maximumBandwidthKbps

  /// Why `segmentCount` segments of `segmentDurationMs` break the limits, or nil.
  public static func contentViolation(segmentCount: Int, segmentDurationMs: Double) -> String? {
    if segmentCount > maximumSegmentCount {
      return "\(segmentCount) segments are more than the limit of \(maximumSegmentCount)"
    }
    let contentMs = Double(segmentCount) * segmentDurationMs
    guard contentMs <= maximumContentMs else {
      return
        "content of \(TraceLimits.format(contentMs / 1000)) s is longer than the limit of 604800 s (7 days)"
    }
    return nil
  }

  /// Why a session time limit of `sessionMs` breaks the limits, or nil.
  public static func sessionViolation(_ sessionMs: Double) -> String? {
    guard sessionMs.isFinite, sessionMs > 0 else { return "must be > 0" }
    guard sessionMs <= maximumSessionMs else {
      return
        "\(TraceLimits.format(sessionMs / 1000)) s is longer than the limit of 1296000 s (15 days)"
    }
    return nil
  }
}
