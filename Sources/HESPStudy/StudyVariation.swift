import Foundation
import HESPABR
import HESPProtocols

/// One swept setting of a study (`--vary gamma-p=2,5,10`): a session or ABR option and the
/// values it takes, one variant each (crossed with the packages, the RTTs and the other
/// variations).
public struct StudyVariation: Sendable, Equatable {
  /// The settings a study can sweep, by the name of the option that sets them.
  public enum Key: String, Sendable, CaseIterable {
    case decisionInterval = "decision-interval"
    case bufferSize = "buffer-size"
    case targetLatency = "target-latency"
    case settleWindow = "settle-window"
    case partDuration = "part-duration"
    case catchup
    case gammaP = "gamma-p"
    case bbaReservoir = "bba-reservoir"
    case bbaCushion = "bba-cushion"
    case mpcHorizon = "mpc-horizon"

    /// Seconds for durations, a rate for `catchup`, plain numbers otherwise.
    var unit: String {
      switch self {
      case .catchup: "x"
      case .gammaP, .mpcHorizon: ""
      default: "s"
      }
    }
  }

  public var key: Key
  public var values: [Double]

  /// Parses `NAME=V1,V2,...`.
  /// - Throws: `ProtocolInputError` naming the option and listing the names it knows.
  public init(parsing text: String, option: String = "--vary") throws(ProtocolInputError) {
    let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
    guard parts.count == 2, let key = Key(rawValue: parts[0]) else {
      throw ProtocolInputError(
        "\(option): '\(text)' is not NAME=V1,V2 with NAME one of "
          + Key.allCases.map(\.rawValue).joined(separator: ", "))
    }
    var values: [Double] = []
    for field in parts[1].split(separator: ",", omittingEmptySubsequences: false) {
      guard let value = Double(field.trimmingCharacters(in: .whitespaces)), value.isFinite else {
        throw ProtocolInputError("\(option): \(key.rawValue): '\(field)' is not a number")
      }
      guard !values.contains(value) else {
        throw ProtocolInputError("\(option): \(key.rawValue): \(field) is given twice")
      }
      values.append(value)
    }
    self.key = key
    self.values = values
  }

  /// `gamma-p=5`, `decision-interval=0.25s`.
  func label(_ value: Double) -> String {
    let number = value == value.rounded() ? String(Int(value)) : String(value)
    return "\(key.rawValue)=\(number)\(key.unit)"
  }

  /// Sets `value` into the options.
  func apply(_ value: Double, to options: inout ProtocolOptions, abr: inout ABROptions) {
    switch key {
    case .decisionInterval: options.decisionIntervalMs = value * 1000
    case .bufferSize: options.bufferSizeMs = value * 1000
    case .targetLatency: options.targetLatencyMs = value * 1000
    case .settleWindow: options.settleWindowMs = value * 1000
    case .partDuration: options.partDurationMs = value * 1000
    case .catchup: options.catchupRate = value
    case .gammaP: abr.gammaP = value
    case .bbaReservoir: abr.bbaReservoirMs = value * 1000
    case .bbaCushion: abr.bbaCushionMs = value * 1000
    case .mpcHorizon: abr.mpcHorizon = Int(value)
    }
  }

  /// Checks an ABR value the session options do not check.
  func validate(_ value: Double) throws(ProtocolInputError) {
    switch key {
    case .gammaP where !(value > 0):
      throw ProtocolInputError("--vary: gamma-p must be positive, got \(value)")
    case .bbaReservoir where !(value >= 0), .bbaCushion where !(value > 0):
      throw ProtocolInputError("--vary: \(key.rawValue) must be positive seconds, got \(value)")
    case .mpcHorizon where !(1...8).contains(Int(value)) || value != value.rounded():
      throw ProtocolInputError("--vary: mpc-horizon must be a whole number 1...8, got \(value)")
    default: return
    }
  }
}
