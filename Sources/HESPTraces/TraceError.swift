import Foundation

/// A trace that cannot be imported. Its description is one line:
/// `FILE:LINE: reason`, `FILE: at $[3].duration_ms: reason` or `FILE: reason`.
public struct TraceError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
  /// Where in the input the problem is.
  public enum Location: Sendable, Equatable {
    /// A 1-based line number.
    case line(Int)
    /// A JSON path such as `$[3].duration_ms`.
    case jsonPath(String)
  }

  /// The file (or the name given to `parse`) the error is about.
  public var source: String
  /// The line or JSON path, when the problem has one.
  public var location: Location?
  /// What is wrong, in a few words (no trailing period).
  public var reason: String

  /// Creates an error about `source`.
  public init(source: String, location: Location? = nil, reason: String) {
    self.source = source
    self.location = location
    self.reason = reason
  }

  /// The one-line message.
  public var description: String {
    switch location {
    case .line(let line): return "\(source):\(line): \(reason)"
    case .jsonPath(let path): return "\(source): at \(path): \(reason)"
    case nil: return "\(source): \(reason)"
    }
  }

  public var errorDescription: String? { description }
}
