import Foundation
import HESPPackager
import HESPVerify

/// The one-line progress display of long commands on stderr: rewritten in place on a terminal,
/// one line per update in a log file.
enum ProgressLine {
  nonisolated(unsafe) private static var isOpen = false
  /// In a log file, an update at most this often (a complete one always).
  nonisolated(unsafe) private static var lastLogLine: ContinuousClock.Instant?
  private static let logInterval = Duration.seconds(5)
  private static let lock = NSLock()
  private static let isTerminal = isatty(STDERR_FILENO) != 0

  /// Shows `text`; in a log file only every `logInterval`, unless the work `isComplete`.
  static func show(_ text: String, isComplete: Bool) {
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
  static func end() {
    lock.lock()
    defer { lock.unlock() }
    if isOpen { FileHandle.standardError.write(Data("\n".utf8)) }
    isOpen = false
  }

  /// `packaging: 120/300 frames (40%), 31.2 fps, ETA 6 s`.
  static func show(_ progress: PackagingProgress) {
    var text = "packaging: \(progress.framesDone)"
    if let total = progress.framesTotal {
      let percent = total > 0 ? 100 * progress.framesDone / total : 100
      text += "/\(total) frames (\(percent)%)"
    } else {
      text += " frames"
    }
    text += String(format: ", %.1f fps", progress.framesPerSecond)
    if let eta = progress.etaSeconds { text += String(format: ", ETA %.0f s", eta) }
    show(text, isComplete: progress.framesTotal.map { progress.framesDone >= $0 } ?? false)
  }

  /// `verifying: 40/900 splices (4%), 5.6 splices/s, ETA 154 s`.
  static func show(_ progress: VerifyProgress) {
    let total = progress.splicesTotal
    let percent = total > 0 ? 100 * min(progress.splicesDone, total) / total : 100
    var text = "verifying: \(progress.splicesDone)/\(total) splices (\(percent)%)"
    text += String(format: ", %.1f splices/s", progress.splicesPerSecond)
    if let eta = progress.etaSeconds { text += String(format: ", ETA %.0f s", eta) }
    show(text, isComplete: progress.splicesDone >= total)
  }
}
