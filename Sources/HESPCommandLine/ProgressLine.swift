import Foundation
import Synchronization

/// The one-line progress display of long commands on stderr: rewritten in place on a terminal,
/// one line per update in a log file.
package enum ProgressLine {
  private struct State {
    var isOpen = false
    /// In a log file, an update at most this often (a complete one always).
    var lastLogLine: ContinuousClock.Instant?
  }

  private static let state = Mutex(State())
  private static let logInterval = Duration.seconds(5)
  private static let isTerminal = isatty(STDERR_FILENO) != 0

  /// Shows `text`; in a log file only every `logInterval`, unless the work `isComplete`.
  package static func show(_ text: String, isComplete: Bool) {
    state.withLock { state in
      if isTerminal {
        state.isOpen = true
        FileHandle.standardError.write(Data("\r\(text)\u{1B}[K".utf8))
      } else {
        let now = ContinuousClock.now
        if let last = state.lastLogLine, now - last < logInterval, !isComplete { return }
        state.lastLogLine = now
        FileHandle.standardError.write(Data("\(text)\n".utf8))
      }
    }
  }

  /// Ends the progress line (newline) if one was shown.
  package static func end() {
    state.withLock { state in
      if state.isOpen { FileHandle.standardError.write(Data("\n".utf8)) }
      state.isOpen = false
    }
  }
}
