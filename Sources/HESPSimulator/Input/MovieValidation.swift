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
  /// positive and strictly ascending, no segments, a row of the wrong length, a size that is not > 0,
  /// or a value beyond `SimulationLimits` (content over 7 days, more than 1,000,000 segments,
  /// a bitrate over 100 Gbit/s).
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
      guard bitrate <= SimulationLimits.maximumBitrateKbps else {
        throw MovieValidationError(
          path: "bitrates_kbps[\(q)]",
          reason: "\(bitrate) kbps is above the limit of 100000000 kbps (100 Gbit/s)")
      }
      if q > 0 && bitrate <= movie.bitratesKbps[q - 1] {
        throw MovieValidationError(
          path: "bitrates_kbps[\(q)]", reason: "bitrates must be strictly ascending")
      }
    }
    guard !movie.segmentSizesBits.isEmpty else {
      throw MovieValidationError(path: "segment_sizes_bits", reason: "is empty")
    }
    if let reason = SimulationLimits.contentViolation(
      segmentCount: movie.segmentSizesBits.count, segmentDurationMs: Double(movie.segmentDurationMs)
    ) {
      throw MovieValidationError(path: "segment_sizes_bits", reason: reason)
    }
    let levels = movie.bitratesKbps.count
    for (i, row) in movie.segmentSizesBits.enumerated() {
      guard row.count == levels else {
        throw MovieValidationError(
          path: "segment_sizes_bits[\(i)]",
          reason: "has \(row.count) sizes, expected \(levels) (one per bitrate)")
      }
      // A size of 0 takes no download time, and Sabre divides by it (throughput 0/0).
      for (q, size) in row.enumerated() where !(size.isFinite && size > 0) {
        throw MovieValidationError(
          path: "segment_sizes_bits[\(i)][\(q)]", reason: "must be a size > 0 bits")
      }
    }
  }

  /// Checks that `withLength(movie, seconds:)` stays within `SimulationLimits` (before it
  /// allocates the segment list).
  public static func validateLength(_ movie: SabreMovie, seconds lengthSeconds: Double)
    throws(MovieValidationError)
  {
    guard lengthSeconds.isFinite, lengthSeconds > 0 else {
      throw MovieValidationError(path: "--movie-length", reason: "must be > 0 seconds")
    }
    let count = (lengthSeconds * 1000 / Double(movie.segmentDurationMs)).rounded(.up)
    if let reason = SimulationLimits.contentViolation(
      segmentCount: Int(min(count, Double(Int.max / 2))),
      segmentDurationMs: Double(movie.segmentDurationMs))
    {
      throw MovieValidationError(path: "--movie-length", reason: reason)
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
