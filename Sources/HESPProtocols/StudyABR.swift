import HESPABR

/// An ABR of the study by its command-line name: one of the classic rules (`ABRChoice`) or the
/// instant-switching `hesp` rule (`InstantSwitchRule`).
public enum StudyABR: Sendable, Equatable, Hashable, CustomStringConvertible {
  case classic(ABRChoice)
  case instantSwitch

  /// Every accepted name, in display order.
  public static var names: [String] { ABRChoice.names + [InstantSwitchRule.name] }

  public init?(name: String) {
    if name == InstantSwitchRule.name {
      self = .instantSwitch
    } else if let choice = ABRChoice(name: name) {
      self = .classic(choice)
    } else {
      return nil
    }
  }

  public var description: String {
    switch self {
    case .classic(let choice): choice.description
    case .instantSwitch: InstantSwitchRule.name
    }
  }

  /// Parses a comma-separated list.
  /// - Throws: `ProtocolInputError` naming the unknown entry and listing the valid names.
  public static func parseList(_ text: String, option: String = "--abr") throws(ProtocolInputError) -> [StudyABR] {
    var result: [StudyABR] = []
    for name in text.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
      guard let value = StudyABR(name: name) else {
        throw ProtocolInputError("\(option): unknown ABR '\(name)'; valid ABRs: " + names.joined(separator: ", "))
      }
      if !result.contains(value) { result.append(value) }
    }
    return result
  }
}
