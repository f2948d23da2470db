import Foundation

/// The delivery protocols the study compares over the same link and ABR (DESIGN.md §4.3), in
/// the order the study lists them.
public enum StreamingProtocol: String, Sendable, CaseIterable, Codable, Hashable {
  /// One long-lived chunked continuation transfer per track; a switch at any frame p via init
  /// packet p of the new track, then the continuation from p + 1.
  case hesp
  /// Segments delivered as chunked CMAF while they are produced (dash.js low-latency mode); a
  /// switch at the next segment that starts with a keyframe.
  case llDASH = "ll-dash"
  /// Part requests (blocking preload: the request waits at the server for the part); a switch
  /// needs an independent part (one that starts with a keyframe).
  case llHLS = "ll-hls"
  /// Segment requests; a switch takes effect at the next segment that starts with a keyframe.
  case dash

  /// The protocols a study compares by default: all of them.
  public static var defaultList: String { allCases.map(\.rawValue).joined(separator: ",") }

  /// Parses a comma-separated list (`hesp,ll-dash,ll-hls,dash`).
  /// - Throws: `ProtocolInputError` naming an unknown, empty or repeated entry (and listing the
  ///   valid names).
  public static func parseList(_ text: String, option: String = "--protocol")
    throws(ProtocolInputError) -> [StreamingProtocol]
  {
    var result: [StreamingProtocol] = []
    for name in text.split(separator: ",", omittingEmptySubsequences: false) {
      let trimmed = name.trimmingCharacters(in: .whitespaces)
      guard !trimmed.isEmpty else {
        throw ProtocolInputError("\(option): empty entry in '\(text)'")
      }
      guard let value = StreamingProtocol(rawValue: trimmed) else {
        throw ProtocolInputError(
          "\(option): unknown protocol '\(trimmed)'; valid protocols: "
            + allCases.map(\.rawValue).joined(separator: ", "))
      }
      guard !result.contains(value) else {
        throw ProtocolInputError("\(option): '\(trimmed)' is given twice")
      }
      result.append(value)
    }
    return result
  }

  /// True for the protocols that fetch segments or parts (not the HESP continuation).
  public var isSegmented: Bool { self != .hesp }
}

/// A one-line description of bad study input (option or file, and the reason).
public struct ProtocolInputError: Error, Equatable, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}
