import ArgumentParser
import HESPABR
import HESPSimulator

/// The closed choices of `hesp simulate`: typed, listed in help, refused on one line.
extension SimulateCommand {
  /// Sabre's throughput estimators (`-ma`).
  enum MovingAverage: String, CaseIterable, ExpressibleByArgument {
    case ewma, sliding
  }

  /// `bola,bolae` as ABRs.
  static func parseABRs(_ text: String) throws -> [ABRChoice] {
    let choices = try text.split(separator: ",").map { name in
      guard let choice = ABRChoice(name: String(name)) else {
        throw ValidationError(
          "--abr: unknown algorithm '\(name)'; valid: \(ABRChoice.names.joined(separator: ", "))")
      }
      return choice
    }
    guard !choices.isEmpty else { throw ValidationError("--abr: no algorithm given") }
    return choices
  }
}

/// Sabre's replacement strategies (`-r`).
extension ReplacementStrategy: ExpressibleByArgument {}
