/// An ABR of the study by its command-line name: one of the classic rules (`ABRChoice`) or the
/// instant-switching `hesp` rule (`InstantSwitchRule`). The study parses lists of them
/// (`HESPStudy`); the protocol models run them (`HESPProtocols.FrameSimulation`).
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
}
