import Foundation

/// Which switches may replace media that is already buffered, the same for every protocol
/// (dash.js `fastSwitchEnabled` semantics, DESIGN.md §4.3).
public enum ReplacementPolicy: String, Sendable, Equatable, Codable, CaseIterable {
  /// No switch replaces buffered media: the new track starts at the end of the buffer.
  case none
  /// Up-switches replace buffered media from the first point whose replacement can still arrive
  /// in time (a frame for `hesp`, a segment or independent part for the others); down-switches
  /// start at the end of the buffer.
  case up
  /// Up- and down-switches both replace.
  case all

  /// True when a switch in this direction replaces buffered media.
  public func replaces(up: Bool) -> Bool {
    switch self {
    case .none: false
    case .up: up
    case .all: true
    }
  }

  /// Parses `none`, `up` or `all`.
  /// - Throws: `ProtocolInputError` naming the option and listing the valid values.
  public static func parse(_ text: String, option: String = "--replace") throws(ProtocolInputError)
    -> ReplacementPolicy
  {
    guard let value = ReplacementPolicy(rawValue: text.trimmingCharacters(in: .whitespaces)) else {
      throw ProtocolInputError(
        "\(option): unknown policy '\(text)'; valid policies: "
          + allCases.map(\.rawValue).joined(separator: ", "))
    }
    return value
  }
}
