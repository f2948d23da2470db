/// The player's buffer in Sabre's form: whole segments (their qualities) plus how much of the
/// first one has already played.
public struct PlaybackBuffer: Sendable, Equatable {
  /// One buffered segment.
  public struct Entry: Sendable, Equatable {
    public var quality: Int
    /// Index into the session's switch records when this segment is the first of a new quality.
    public var switchRecord: Int?
  }

  public let segmentDurationMs: Double
  public var entries: [Entry] = []
  /// Play time already consumed from the first entry, in ms (Sabre's `buffer_fcc`).
  public var firstEntryPlayedMs: Double = 0

  public init(segmentDurationMs: Double) {
    self.segmentDurationMs = segmentDurationMs
  }

  /// Media in the buffer, in ms (Sabre's `get_buffer_level`).
  public var levelMs: Double {
    segmentDurationMs * Double(entries.count) - firstEntryPlayedMs
  }
}
