import Foundation

/// The delivery protocols the study compares over the same link and ABR (DESIGN.md §4.3).
public enum StreamingProtocol: String, Sendable, CaseIterable, Codable, Hashable {
  /// Segment requests; a switch takes effect at the next segment that starts with a keyframe.
  case dash
  /// Part requests (blocking preload: the request waits at the server for the part); a switch
  /// needs an independent part (one that starts with a keyframe).
  case llHLS = "ll-hls"
  /// One long-lived chunked continuation transfer per track; a switch at any frame p via init
  /// packet p of the new track, then the continuation from p + 1.
  case hesp

  /// Parses a comma-separated list (`hesp,dash,ll-hls`).
  /// - Throws: `ProtocolInputError` naming the unknown entry and listing the valid names.
  public static func parseList(_ text: String, option: String = "--protocol") throws(ProtocolInputError) -> [StreamingProtocol] {
    var result: [StreamingProtocol] = []
    for name in text.split(separator: ",", omittingEmptySubsequences: false) {
      let trimmed = name.trimmingCharacters(in: .whitespaces)
      guard let value = StreamingProtocol(rawValue: trimmed) else {
        throw ProtocolInputError(
          "\(option): unknown protocol '\(trimmed)'; valid protocols: "
            + allCases.map(\.rawValue).joined(separator: ", "))
      }
      if !result.contains(value) { result.append(value) }
    }
    return result
  }
}

/// A one-line description of bad study input (option or file, and the reason).
public struct ProtocolInputError: Error, Equatable, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}
