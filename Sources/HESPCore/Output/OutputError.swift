import Foundation

/// Why an output path was refused or could not be written. Every description is one line:
/// `PATH: REASON`, with PATH as the user wrote it.
public enum OutputError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The output is one of the command's inputs.
  case isAnInput(path: String)
  /// An input lies inside the output folder.
  case holdsAnInput(path: String, input: String)
  /// The output is `.` or a folder that holds the working directory.
  case holdsTheWorkingDirectory(path: String)
  /// The output exists and `--force` was not given.
  case exists(path: String, madeByHESP: Bool)
  /// `--force` onto a folder without the marker hesp writes in every output.
  case notMadeByHESP(path: String)
  /// A folder output onto a file, or a file output onto a folder.
  case wrongKind(path: String, expected: String)
  /// Something appeared at the output while this run was writing it (another run?).
  case appearedMeanwhile(path: String)
  /// The output (or its staging copy) cannot be created or moved in place.
  case notWritable(path: String, reason: String)

  public var path: String {
    switch self {
    case .isAnInput(let path), .holdsAnInput(let path, _), .holdsTheWorkingDirectory(let path),
      .exists(let path, _), .notMadeByHESP(let path), .wrongKind(let path, _),
      .appearedMeanwhile(let path), .notWritable(let path, _):
      return path
    }
  }

  public var reason: String {
    switch self {
    case .isAnInput: return "is an input of this command; choose another output"
    case .holdsAnInput(_, let input):
      return "holds an input of this command (\(input)); choose another output"
    case .holdsTheWorkingDirectory:
      return "is the working directory or one of its parents; choose another output"
    case .exists(_, true): return "output already exists (use --force to replace it)"
    case .exists(_, false):
      return
        "already exists and hesp did not write it (no \(OutputMarker.fileName)); choose another output"
    case .notMadeByHESP:
      return
        "hesp did not write this folder (no \(OutputMarker.fileName)); --force replaces only hesp outputs"
    case .wrongKind(_, let expected): return "exists and is not a \(expected)"
    case .appearedMeanwhile:
      return
        "appeared while this run was writing (another run?); left it untouched, this run's output is discarded"
    case .notWritable(_, let reason): return "output is not writable (\(reason))"
    }
  }

  public var description: String { "\(path): \(reason)" }
}

extension OutputError {
  /// The POSIX reason behind a Foundation file error (`No space left on device`), else its text.
  public static func reason(of error: any Error) -> String {
    let nsError = error as NSError
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain
    {
      return String(cString: strerror(Int32(underlying.code)))
    }
    return nsError.localizedDescription
  }
}
