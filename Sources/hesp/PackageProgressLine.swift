import Foundation
import HESPPackager

/// The one-line progress display of `hesp package` on stderr (rewritten in place).
enum PackageProgressLine {
  nonisolated(unsafe) private static var isOpen = false
  private static let lock = NSLock()
  /// On a terminal the line is rewritten in place; in a log file each update is its own line.
  private static let isTerminal = isatty(STDERR_FILENO) != 0

  static func print(_ progress: PackagingProgress) {
    var text = "packaging: \(progress.framesDone)"
    if let total = progress.framesTotal {
      let percent = total > 0 ? 100 * progress.framesDone / total : 100
      text += "/\(total) frames (\(percent)%)"
    } else {
      text += " frames"
    }
    text += String(format: ", %.1f fps", progress.framesPerSecond)
    if let eta = progress.etaSeconds { text += String(format: ", ETA %.0f s", eta) }
    lock.lock()
    defer { lock.unlock() }
    if isTerminal {
      isOpen = true
      FileHandle.standardError.write(Data("\r\(text)\u{1B}[K".utf8))
    } else {
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
}
