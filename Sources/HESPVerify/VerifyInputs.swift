import Foundation
import HESPCore
import HESPFFmpeg

extension Verifier {
  /// Why `path` cannot be verified at all (no such directory, not a directory, not a package),
  /// in one line; nil when it holds a package's two documents.
  public static func packageProblem(at path: String) -> String? {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      return "no such directory"
    }
    guard isDirectory.boolValue else { return "not a directory (expected a hesp package folder)" }
    let missing = [PackageLayout.manifest, PackageLayout.frameIndex].filter {
      !FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent($0))
    }
    guard missing.isEmpty else {
      return "not a hesp package (no \(missing.joined(separator: ", no ")))"
    }
    return nil
  }

  /// Why `--source` is not the clip `contents` was packaged from, judged from the container:
  /// a different frame rate, or fewer frames than the package. nil when it may be.
  static func sourceProblem(_ path: String, package: String, contents: PackageContents) -> String? {
    let index = contents.frameIndex
    let video: VideoStreamInfo
    do {
      video = try InputFile(path: path).video
    } catch {
      return "--source cannot be opened as video (\(error))"
    }
    let sameRate =
      video.frameRateNumerator * index.frameDurationTicks
      == video.frameRateDenominator * index.timescale
    let tooShort = video.announcedFrameCount.map { $0 < index.frameCount } ?? false
    guard !sameRate || tooShort else { return nil }
    func rate(_ value: Double) -> String { String(format: "%.3f", value) + " fps" }
    let frames = video.announcedFrameCount.map { "\($0) frames" } ?? "an unknown number of frames"
    return
      "does not match the package \(package): the source has \(frames) at \(rate(video.framesPerSecond)), "
      + "the package \(index.frameCount) frames at \(rate(index.framesPerSecond))"
  }

  /// `0-14`, `3, 7, 11`, or `0-4, 8 ... 290 (75 packets)` past eight runs.
  static func listing(_ frames: [Int]) -> String {
    var runs: [String] = []
    var start = frames.first ?? 0
    for (position, frame) in frames.enumerated() {
      let next = position + 1 < frames.count ? frames[position + 1] : nil
      if next != frame + 1 {
        runs.append(start == frame ? "\(frame)" : "\(start)-\(frame)")
        if let next { start = next }
      }
    }
    guard runs.count > 8 else { return runs.joined(separator: ", ") }
    return
      "\(runs.prefix(2).joined(separator: ", ")) ... \(runs.last ?? "") (\(frames.count) packets)"
  }
}
