/// Packages the video of `hesp study --input` into the package folders the study reads. Only
/// `hesp-media` (which links FFmpeg) provides one; without it, `study --input` runs in
/// `hesp-media` (`MediaExecutable`).
package protocol StudyInputPackager: Sendable {
  /// Packages `input` into `workDirectory/hesp` (continuation GOP `hespGop`) and, unless
  /// `baseline` names one, `workDirectory/baseline` (GOP = segment duration).
  /// - Returns: the HESP and baseline package directories.
  func packageInput(
    _ input: String, duration: Double?, ladder: String?, hespGop: Double, segmentDuration: Double,
    baseline: String?, workDirectory: String
  ) throws -> (hesp: String, baseline: String)
}

/// The packager of the running executable, bound once by `HESPRoot.main` around the command.
enum StudyInputPackaging {
  @TaskLocal static var packager: (any StudyInputPackager)?
}
