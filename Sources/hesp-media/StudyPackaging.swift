import Foundation
import HESPCommandLine
import HESPCore
import HESPPackager
import HESPProtocols

/// Packages a video for `study --input` and `demo`: the thin call to the packager that produces
/// the package folders the study engine (`HESPStudy`) reads. A folder that already holds a
/// frame index is reused.
struct StudyPackaging: StudyInputPackager {
  func packageInput(
    _ input: String, duration: Double?, ladder: String?, hespGop: Double, segmentDuration: Double,
    baseline: String?, workDirectory: String
  ) throws -> (hesp: String, baseline: String) {
    let parsedLadder: EncodingLadder?
    do { parsedLadder = try ladder.map { try EncodingLadder(parsing: $0) } } catch {
      throw ProtocolInputError("--ladder: \(error)")
    }
    let hespPath = (workDirectory as NSString).appendingPathComponent("hesp")
    let basePath =
      baseline ?? (workDirectory as NSString).appendingPathComponent(PackageLayout.baseline)
    try packageIfNeeded(
      input: input, output: hespPath, gop: hespGop, segment: segmentDuration, ladder: parsedLadder,
      duration: duration)
    if baseline == nil {
      try packageIfNeeded(
        input: input, output: basePath, gop: segmentDuration, segment: segmentDuration,
        ladder: parsedLadder,
        duration: duration)
    }
    return (hespPath, basePath)
  }

  func packageIfNeeded(
    input: String, output: String, gop: Double, segment: Double, ladder: EncodingLadder?,
    duration: Double?
  ) throws {
    let index = (output as NSString).appendingPathComponent(PackageLayout.frameIndex)
    if FileManager.default.fileExists(atPath: index) { return }
    try? FileManager.default.createDirectory(
      atPath: (output as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    FileHandle.standardError.write(
      Data("hesp: packaging \(input) -> \(output) (GOP \(gop) s)\n".utf8))
    let options = PackagingOptions(
      inputPath: input, outputPath: output, ladder: ladder, gopSeconds: gop,
      segmentDurationSeconds: segment,
      durationLimitSeconds: duration, force: true)
    do { _ = try Packager.run(options) } catch let error as PackagingError {
      throw ProtocolInputError("\(input): \(error.description)")
    }
  }
}
