import HESPABR
import HESPProtocols

extension StudyABR {
  /// Parses a comma-separated list; a name given twice counts once.
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
