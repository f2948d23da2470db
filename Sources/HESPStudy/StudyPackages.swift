import Foundation
import HESPCore
import HESPProtocols
import HESPTraces

/// A package's frame index and the name the outputs give it.
public struct StudyPackage: Sendable {
  public var index: FrameIndex
  /// The directory as typed (`TraceNaming`: never an absolute path), or a given name.
  public var name: String

  public init(index: FrameIndex, name: String) {
    self.index = index
    self.name = name
  }

  /// Reads `directory/frame-index.json`.
  /// - Parameter name: the name outputs use; default: the directory as typed, or its last
  ///   component when absolute.
  /// - Throws: `ProtocolInputError` for a missing directory or frame index.
  public static func load(directory: String, name: String? = nil) throws(ProtocolInputError)
    -> StudyPackage
  {
    StudyPackage(
      index: try PackageIndexLoader.load(packageDirectory: directory),
      name: name ?? TraceNaming.displayName(ofTyped: directory))
  }
}

/// The packages a study replays: the HESP package and, optionally, a baseline (GOP = segment)
/// for the segment protocols.
public struct StudyPackages: Sendable {
  public var hesp: StudyPackage
  public var baseline: StudyPackage?

  public init(hesp: StudyPackage, baseline: StudyPackage? = nil) {
    self.hesp = hesp
    self.baseline = baseline
  }

  /// Reads a HESP package directory and its baseline: `baseline` when given, else
  /// `package/baseline` when `hesp package --baseline` wrote one there.
  /// - Throws: `ProtocolInputError` for a missing directory or frame index.
  public static func load(package: String, baseline: String? = nil) throws(ProtocolInputError)
    -> StudyPackages
  {
    let hesp = try StudyPackage.load(directory: package)
    let nested = (package as NSString).appendingPathComponent(PackageLayout.baseline)
    let nestedIndex = (nested as NSString).appendingPathComponent(PackageLayout.frameIndex)
    let baselinePath =
      baseline ?? (FileManager.default.fileExists(atPath: nestedIndex) ? nested : nil)
    guard let baselinePath else { return StudyPackages(hesp: hesp) }
    return StudyPackages(hesp: hesp, baseline: try StudyPackage.load(directory: baselinePath))
  }
}
