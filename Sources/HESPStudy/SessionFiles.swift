import Foundation
import HESPCore
import HESPProtocols

/// The study's per-session files for sessions that did not come from a study run (`hesp play`,
/// later `hesp emulate`): `sessions.csv`, `switches.csv` and `results.json` with the columns,
/// metric definitions and JSON of a study's (`StudyCSV`, `StudyWriter`), so a session played
/// over HTTP compares with a simulated one field for field.
public enum SessionFiles {
  public static var sessionsHeader: String { StudyCSV.sessionsHeader }
  public static var switchesHeader: String { StudyCSV.switchesHeader }

  /// One `sessions.csv` row.
  public static func sessionRow(_ result: ProtocolSessionResult) -> String {
    StudyCSV.sessionRow(result)
  }

  /// The `switches.csv` rows of one session.
  public static func switchRows(_ result: ProtocolSessionResult) -> [String] {
    StudyCSV.switchRows(result)
  }

  /// `results.json`: the sessions as a study writes them (sorted keys).
  public static func resultsJSON(_ results: [ProtocolSessionResult]) throws -> String {
    let encoder = CanonicalJSON.encoder()
    let items = try results.map { result in
      String(decoding: try encoder.encode(result), as: UTF8.self)
        .split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(
          separator: "\n")
    }
    return "[\n" + items.joined(separator: ",\n") + "\n]\n"
  }

  /// Writes `sessions.csv`, `switches.csv` and `results.json` of `results` into `directory`.
  /// - Throws: `ProtocolInputError` naming the file that could not be written.
  public static func write(_ results: [ProtocolSessionResult], to directory: URL) throws {
    let sessions = ([sessionsHeader] + results.map(sessionRow)).joined(separator: "\n") + "\n"
    let switches = ([switchesHeader] + results.flatMap(switchRows)).joined(separator: "\n") + "\n"
    for (name, text) in [
      ("sessions.csv", sessions), ("switches.csv", switches),
      ("results.json", try resultsJSON(results)),
    ] {
      let url = directory.appendingPathComponent(name)
      do { try Data(text.utf8).write(to: url) } catch {
        throw ProtocolInputError("\(url.path): cannot write (\(error.localizedDescription))")
      }
    }
  }
}
