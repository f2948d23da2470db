import Foundation
import HESPProtocols

#if canImport(Glibc)
  import Glibc
#endif

/// The contract between `hesp emulate` and `hesp play`, in one place: the arguments it is given
/// and the JSON it prints (`--json`: an object whose `session` is a `ProtocolSessionResult`, the
/// shape of one entry of a study's results.json, beside the requests it made).
public enum PlayerInvocation {
  /// `play URL --protocol P --abr A --duration S --json`.
  public static func arguments(
    url: String, protocolName: String, abr: String, durationSeconds: Double
  ) -> [String] {
    [
      "play", url, "--protocol", protocolName, "--abr", abr, "--duration", format(durationSeconds),
      "--json",
    ]
  }

  /// The name `hesp serve` serves a package folder under: the last component of its real path
  /// (so `.` and symbolic links name the folder itself).
  public static func urlName(_ folder: String) -> String {
    var trimmed = folder
    if let resolved = realpath(folder, nil) {
      trimmed = String(cString: resolved)
      free(resolved)
    }
    while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
    return (trimmed as NSString).lastPathComponent
  }

  /// Decodes the player's standard output.
  /// - Throws: `EmulationError` naming what is wrong with it.
  public static func result(from output: Data) throws(EmulationError) -> ProtocolSessionResult {
    // `hesp play --json` prints {"session": result, "requests": [...], ...}; a bare result is
    // accepted too (a stand-in player).
    struct PlayOutput: Decodable { var session: ProtocolSessionResult }
    if let wrapped = try? JSONDecoder().decode(PlayOutput.self, from: output) { return wrapped.session }
    do { return try JSONDecoder().decode(ProtocolSessionResult.self, from: output) } catch {
      let start = String(decoding: output.prefix(120), as: UTF8.self).replacingOccurrences(
        of: "\n", with: " ")
      throw EmulationError(
        "hesp play --json: not a session result (\(error)); output starts: \(start)")
    }
  }

  static func format(_ seconds: Double) -> String {
    seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
  }
}
