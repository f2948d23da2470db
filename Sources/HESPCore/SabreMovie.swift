/// A movie description in Sabre's format (`movie.json`, `sabre-movie.json`): constant segment
/// duration, ascending nominal bitrates, and the real size of every segment at every level.
///
/// JSON keys are Sabre's own (`segment_duration_ms`, `bitrates_kbps`, `segment_sizes_bits`), so
/// a file written here runs unchanged in `python3 sabre.py -m`.
public struct SabreMovie: Codable, Sendable, Equatable {
  public var segmentDurationMs: Int
  /// Nominal bitrate of each level in kbit/s, ascending.
  public var bitratesKbps: [Double]
  /// `segmentSizesBits[i][q]`: size of segment i at level q, in bits.
  public var segmentSizesBits: [[Double]]

  public init(segmentDurationMs: Int, bitratesKbps: [Double], segmentSizesBits: [[Double]]) {
    self.segmentDurationMs = segmentDurationMs
    self.bitratesKbps = bitratesKbps
    self.segmentSizesBits = segmentSizesBits
  }

  enum CodingKeys: String, CodingKey {
    case segmentDurationMs = "segment_duration_ms"
    case bitratesKbps = "bitrates_kbps"
    case segmentSizesBits = "segment_sizes_bits"
  }
}
