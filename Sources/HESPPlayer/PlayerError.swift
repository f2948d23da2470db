import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix

/// A one-line description of what went wrong in `hesp play` (the URL and the reason).
public struct PlayerError: Error, Equatable, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }

  static func request(_ url: String, _ reason: String) -> PlayerError {
    PlayerError("\(url): \(reason)")
  }

  /// A short reason for a transport error.
  static func describe(_ error: any Error) -> String {
    if let error = error as? PlayerError { return error.description }
    if let error = error as? HTTPClientError {
      switch error {
      case .connectTimeout: return "connection timed out"
      case .readTimeout: return "no data for too long (read timeout)"
      case .deadlineExceeded: return "request timed out"
      case .remoteConnectionClosed: return "the server closed the connection"
      default: return "\(error)"
      }
    }
    if let error = error as? NIOConnectionError {
      if let first = error.connectionErrors.first { return Self.describe(first.error) }
      if error.dnsAError != nil || error.dnsAAAAError != nil {
        return "cannot resolve \(error.host)"
      }
      return "cannot connect"
    }
    if let error = error as? IOError {
      switch error.errnoCode {
      case ECONNREFUSED: return "connection refused"
      case ECONNRESET: return "connection reset"
      default: return error.description
      }
    }
    if error is CancellationError { return "cancelled" }
    return "\(error)"
  }
}
