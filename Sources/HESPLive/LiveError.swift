import Foundation

/// Why `hesp live` cannot start or could not go on; each description is the WHAT: WHY of a
/// one-line error.
public enum LiveError: Error, CustomStringConvertible, Equatable, Sendable {
  /// An option out of range (`--window`: why).
  case invalidOption(String, String)
  case cannotOpen(input: String, reason: String)
  case noVideo(input: String)
  /// The input stopped before `--duration` (or could not be read any more).
  case inputEnded(input: String, afterSeconds: Double, reason: String)
  /// Encoding cannot keep up with the frame rate: most frames would be dropped.
  case cannotKeepUp(headroom: Double, framesDropped: Int, frames: Int, detail: String)
  case encodingFailed(track: String, reason: String)

  public var description: String {
    switch self {
    case .invalidOption(let option, let why): "\(option): \(why)"
    case .cannotOpen(let input, let reason): "\(input): cannot open (\(reason))"
    case .noVideo(let input): "\(input): no video stream"
    case .inputEnded(let input, let seconds, let reason):
      "\(input): the input stopped after \(Self.seconds(seconds)) s (\(reason)); the stream was ended cleanly"
    case .cannotKeepUp(let headroom, let dropped, let frames, let detail):
      "this ladder cannot be encoded in real time here: measured headroom \(Self.ratio(headroom))x "
        + "(\(dropped) of \(frames) frames dropped; \(detail)); try --preset ultrafast, fewer or smaller rungs, or --init-interval"
    case .encodingFailed(let track, let reason): "track \(track): encoding failed (\(reason))"
    }
  }

  static func seconds(_ value: Double) -> String { String(format: "%.1f", value) }
  static func ratio(_ value: Double) -> String { String(format: "%.2f", value) }
}
