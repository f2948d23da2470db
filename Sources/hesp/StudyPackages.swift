import Foundation
import HESPCore
import HESPPackager
import HESPProtocols

/// The packages a study replays: the HESP package and, optionally, a baseline (GOP = segment).
struct StudyPackages: Sendable {
  var hesp: FrameIndex
  var hespPath: String
  var baseline: FrameIndex?
  var baselinePath: String?

  /// Uses the given packages, or packages `input` into `workDirectory/{hesp,baseline}` (reused
  /// when already there with a frame index).
  static func resolve(
    package: String?, baseline: String?, input: String?, duration: Double?, ladder: String?, hespGop: Double,
    segmentDuration: Double, workDirectory: String
  ) throws -> StudyPackages {
    if let package {
      guard input == nil else { throw ProtocolInputError("--input: give either --package or --input") }
      let hesp = try PackageIndexLoader.load(packageDirectory: package)
      // `hesp package --baseline` writes the baseline ladder into PKG/baseline.
      let nested = (package as NSString).appendingPathComponent("baseline")
      let baselinePath =
        baseline
        ?? (FileManager.default.fileExists(atPath: (nested as NSString).appendingPathComponent("frame-index.json"))
          ? nested : nil)
      let base = try baselinePath.map { try PackageIndexLoader.load(packageDirectory: $0) }
      return StudyPackages(hesp: hesp, hespPath: package, baseline: base, baselinePath: baselinePath)
    }
    guard let input else { throw ProtocolInputError("--package: give a package directory or --input VIDEO") }
    let parsedLadder: HESPCore.Ladder?
    do { parsedLadder = try ladder.map { try HESPCore.Ladder(parsing: $0) } } catch {
      throw ProtocolInputError("--ladder: \(error)")
    }
    let hespPath = (workDirectory as NSString).appendingPathComponent("hesp")
    let basePath = baseline ?? (workDirectory as NSString).appendingPathComponent("baseline")
    try packageIfNeeded(input: input, output: hespPath, gop: hespGop, segment: segmentDuration, ladder: parsedLadder, duration: duration)
    if baseline == nil {
      try packageIfNeeded(
        input: input, output: basePath, gop: segmentDuration, segment: segmentDuration, ladder: parsedLadder,
        duration: duration)
    }
    return StudyPackages(
      hesp: try PackageIndexLoader.load(packageDirectory: hespPath), hespPath: hespPath,
      baseline: try PackageIndexLoader.load(packageDirectory: basePath), baselinePath: basePath)
  }

  static func packageIfNeeded(
    input: String, output: String, gop: Double, segment: Double, ladder: HESPCore.Ladder?, duration: Double?
  ) throws {
    let index = (output as NSString).appendingPathComponent("frame-index.json")
    if FileManager.default.fileExists(atPath: index) { return }
    try? FileManager.default.createDirectory(
      atPath: (output as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    FileHandle.standardError.write(Data("hesp: packaging \(input) -> \(output) (GOP \(gop) s)\n".utf8))
    let options = PackagingOptions(
      inputPath: input, outputPath: output, ladder: ladder, gopSeconds: gop, segmentDurationSeconds: segment,
      durationLimitSeconds: duration, force: true)
    do { _ = try Packager.run(options) } catch let error as PackagingError {
      throw ProtocolInputError("\(input): \(error.description)")
    }
  }
}
