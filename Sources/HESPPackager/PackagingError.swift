import HESPCore

/// Why packaging failed. Every description is one line naming the file or option and the reason.
public enum PackagingError: Error, CustomStringConvertible, Sendable, Equatable {
  case inputMissing(path: String)
  case inputNotMedia(path: String, reason: String)
  case inputHasNoVideo(path: String)
  /// The file's only pictures are cover art (attached pictures), which are not video.
  case inputHasOnlyCoverArt(path: String)
  /// A property of the video stream that packaging cannot honour (rotation, colour transfer).
  case sourceProperty(path: String, stream: Int, property: String, reason: String)
  case inputCorrupt(path: String, reason: String)
  /// The audio stream cannot be packaged (no decoder, corrupt packets).
  case audioStream(path: String, stream: Int, reason: String)
  case invalidOption(String, String)
  /// The output folder was refused or could not be written (`OutputFolder`).
  case output(OutputError)
  case encodingFailed(track: String, reason: String)
  case writingFailed(path: String, reason: String)

  public var description: String {
    switch self {
    case .inputMissing(let path): return "\(path): no such file"
    case .inputNotMedia(let path, let reason): return "\(path): not a media file (\(reason))"
    case .inputHasNoVideo(let path): return "\(path): has no video stream"
    case .inputHasOnlyCoverArt(let path):
      return "\(path): has no video stream (its only picture is cover art, which is not video)"
    case .sourceProperty(let path, let stream, let property, let reason):
      return "\(path): video stream \(stream) \(property): \(reason)"
    case .inputCorrupt(let path, let reason): return "\(path): truncated or corrupt (\(reason))"
    case .audioStream(let path, let stream, let reason):
      return "\(path): audio stream \(stream): \(reason)"
    case .invalidOption(let option, let reason): return "\(option): \(reason)"
    case .output(let error): return error.description
    case .encodingFailed(let track, let reason):
      return "track \(track): encoding failed (\(reason))"
    case .writingFailed(let path, let reason): return "\(path): write failed (\(reason))"
    }
  }
}
