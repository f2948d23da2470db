import HESPCore

/// Why a movie cannot be simulated, with the JSON path of the offending value.
public struct MovieValidationError: Error, Equatable, CustomStringConvertible {
  /// JSON path, e.g. `segment_sizes_bits[12]`.
  public var path: String
  public var reason: String
  public var description: String { "\(path): \(reason)" }
}

/// Checks a Sabre movie before a session uses it.
public enum MovieValidation {
  /// Throws the first problem found: non-positive segment duration, no levels, bitrates not
  /// positive and strictly ascending, no segments, a row of the wrong length, a negative size.
  public static func validate(_ movie: SabreMovie) throws(MovieValidationError) {
    guard movie.segmentDurationMs > 0 else {
      throw MovieValidationError(path: "segment_duration_ms", reason: "must be > 0")
    }
    guard !movie.bitratesKbps.isEmpty else {
      throw MovieValidationError(path: "bitrates_kbps", reason: "is empty")
    }
    for (q, bitrate) in movie.bitratesKbps.enumerated() {
      guard bitrate.isFinite, bitrate > 0 else {
        throw MovieValidationError(path: "bitrates_kbps[\(q)]", reason: "must be > 0")
      }
      if q > 0 && bitrate <= movie.bitratesKbps[q - 1] {
        throw MovieValidationError(
          path: "bitrates_kbps[\(q)]", reason: "bitrates must be strictly ascending")
      }
    }
    guard !movie.segmentSizesBits.isEmpty else {
      throw MovieValidationError(path: "segment_sizes_bits", reason: "is empty")
    }
    let levels = movie.bitratesKbps.count
    for (i, row) in movie.segmentSizesBits.enumerated() {
      guard row.count == levels else {
        throw MovieValidationError(
          path: "segment_sizes_bits[\(i)]",
          reason: "has \(row.count) sizes, expected \(levels) (one per bitrate)")
      }
      for (q, size) in row.enumerated() where !(size.isFinite && size >= 0) {
        throw MovieValidationError(
          path: "segment_sizes_bits[\(i)][\(q)]", reason: "must be a size >= 0 bits")
      }
    }
  }

  /// Repeats or truncates the segment list to `lengthSeconds` of content (Sabre `-ml`).
  public static func withLength(_ movie: SabreMovie, seconds lengthSeconds: Double) -> SabreMovie {
    let count = Int((lengthSeconds * 1000 / Double(movie.segmentDurationMs)).rounded(.up))
    var result = movie
    result.segmentSizesBits = (0..<max(count, 0)).map {
      movie.segmentSizesBits[$0 % movie.segmentSizesBits.count]
    }
    return result
  }
}
