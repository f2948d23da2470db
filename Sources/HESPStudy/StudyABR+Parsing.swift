import HESPABR
import HESPProtocols

extension StudyABR {
  /// Parses a comma-separated list.
  /// - Throws: `ProtocolInputError` naming an unknown, empty or repeated entry (and listing the
  ///   valid names).
  public static func parseList(_ text: String, option: String = "--abr") throws(ProtocolInputError)
    -> [StudyABR]
  {
    var result: [StudyABR] = []
    for name in text.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
      guard !name.isEmpty else { throw ProtocolInputError("\(option): empty entry in '\(text)'") }
      guard let value = StudyABR(name: name) else {
        throw ProtocolInputError(
          "\(option): unknown ABR '\(name)'; valid ABRs: " + names.joined(separator: ", "))
      }
      guard !result.contains(value) else {
        throw ProtocolInputError("\(option): '\(name)' is given twice")
      }
      result.append(value)
    }
    return result
  }

  /// Why this ABR cannot run on a ladder of `qualityCount` rungs, or nil.
  func problem(qualityCount: Int) -> String? {
    guard case .classic(let choice) = self else { return nil }
    return choice.problem(qualityCount: qualityCount)
  }
}
