import Foundation
import HESPCommandLine
import HESPPackager
import HESPVerify

/// The progress lines of `package` and `verify`.
extension ProgressLine {
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
