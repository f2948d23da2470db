import Foundation

/// The one-line progress display of long commands on stderr: rewritten in place on a terminal,
/// one line per update in a log file.
package enum ProgressLine {
  nonisolated(unsafe) private static var isOpen = false
  /// In a log file, an update at most this often (a complete one always).
  nonisolated(unsafe) private static var lastLogLine: ContinuousClock.Instant?
  private static let logInterval = Duration.seconds(5)
  private static let lock = NSLock()
  private static let isTerminal = isatty(STDERR_FILENO) != 0

  /// Shows `text`; in a log file only every `logInterval`, unless the work `isComplete`.
  package static func show(_ text: String, isComplete: Bool) {
    lock.lock()
    defer { lock.unlock() }
    if isTerminal {
      isOpen = true
      FileHandle.standardError.write(Data("\r\(text)\u{1B}[K".utf8))
    } else {
      let now = ContinuousClock.now
      if let last = lastLogLine, now - last < logInterval, !isComplete { return }
      lastLogLine = now
      FileHandle.standardError.write(Data("\(text)\n".utf8))
    }
  }

  /// Ends the progress line (newline) if one was shown.
  package static func end() {
    lock.lock()
    defer { lock.unlock() }
    if isOpen { FileHandle.standardError.write(Data("\n".utf8)) }
    isOpen = false
  }
}
