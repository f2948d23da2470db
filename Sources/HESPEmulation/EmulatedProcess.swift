import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A program running inside a namespace, its output in temporary files (no pipe can fill up and
/// block it): the server and the player of a session.
final class EmulatedProcess: Sendable {
  let child: ChildProcess
  let label: String
  private let outputPath: String
  private let errorPath: String

  /// Starts `arguments` in `namespace`.
  init(_ label: String, arguments: [String], in namespace: NetworkNamespace) throws(EmulationError)
  {
    self.label = label
    let stamp = FileManager.default.temporaryDirectory
      .appendingPathComponent("hesp-emulate-\(getpid())-\(UUID().uuidString.prefix(8))").path
    outputPath = stamp + ".out"
    errorPath = stamp + ".err"
    do {
      child = try namespace.spawn(
        arguments, standardOutput: .file(outputPath), standardError: .file(errorPath))
    } catch {
      try? FileManager.default.removeItem(atPath: outputPath)
      try? FileManager.default.removeItem(atPath: errorPath)
      throw error
    }
  }

  /// Standard output so far.
  var output: Data { FileManager.default.contents(atPath: outputPath) ?? Data() }

  /// The last lines of standard error, joined with ` | ` (for one-line errors).
  var errorTail: String {
    let text = String(
      decoding: FileManager.default.contents(atPath: errorPath) ?? Data(), as: UTF8.self)
    let lines = text.split(separator: "\n").suffix(3)
    return lines.isEmpty ? "no error output" : lines.joined(separator: " | ")
  }

  /// Waits until `condition` holds on the output so far, or the process exits, or `seconds` pass.
  func waitForOutput(seconds: Double, where condition: (String) -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if condition(String(decoding: output, as: UTF8.self)) { return true }
      if !child.isRunning { return condition(String(decoding: output, as: UTF8.self)) }
      usleep(20_000)
    }
    return false
  }

  /// Waits for the process to exit, stopping it after `seconds`; its exit status, or nil when it
  /// had to be stopped.
  func wait(seconds: Double) -> Int32? {
    if let status = child.wait(seconds: seconds) { return status }
    child.stop()
    return nil
  }

  /// Stops it (if it runs) and removes the output files.
  func finish() {
    child.stop()
    try? FileManager.default.removeItem(atPath: outputPath)
    try? FileManager.default.removeItem(atPath: errorPath)
  }
}
