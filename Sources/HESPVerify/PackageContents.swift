import Foundation
import HESPCore

/// The two JSON documents of a package and the raw bytes they came from (`manifest.json` keeps
/// its bytes so findings can point at the offending field).
struct PackageContents: Sendable {
  var root: URL
  var manifest: Manifest
  var manifestBytes: [UInt8]
  var frameIndex: FrameIndex
  /// `frame-index.json` as read (findings point at its fields).
  var frameIndexBytes: [UInt8] = []

  /// Reads `manifest.json` and `frame-index.json`; nil (with findings) when either is missing or
  /// does not decode, or `root` is not a directory.
  static func load(_ root: URL, findings: inout FindingList) -> PackageContents? {
    if let problem = Verifier.packageProblem(at: root.path) {
      findings.add(root.path, 0, problem)
      return nil
    }
    let manifestBytes = readDocument(root, PackageLayout.manifest, &findings)
    let indexBytes = readDocument(root, PackageLayout.frameIndex, &findings)
    guard let manifestBytes, let indexBytes else { return nil }
    var manifest: Manifest?
    var frameIndex: FrameIndex?
    do {
      manifest = try JSONDecoder().decode(Manifest.self, from: Data(manifestBytes))
    } catch {
      findings.add(PackageLayout.manifest, 0, "is not a HESP manifest: \(describe(error))")
    }
    do {
      frameIndex = try JSONDecoder().decode(FrameIndex.self, from: Data(indexBytes))
    } catch {
      findings.add(PackageLayout.frameIndex, 0, "is not a hesp frame index: \(describe(error))")
    }
    guard let manifest, let frameIndex else { return nil }
    return PackageContents(
      root: root, manifest: manifest, manifestBytes: manifestBytes, frameIndex: frameIndex,
      frameIndexBytes: indexBytes)
  }

  /// Bytes of a file under the package, nil when absent (the caller reports it).
  static func bytes(_ root: URL, _ relativePath: String) -> [UInt8]? {
    guard
      let data = FileManager.default.contents(
        atPath: root.appendingPathComponent(relativePath).path)
    else {
      return nil
    }
    return [UInt8](data)
  }

  /// Byte offset of the first occurrence of `text` in `bytes` (0 when absent).
  static func offset(of text: String, in bytes: [UInt8]) -> Int {
    let needle = Array(text.utf8)
    guard !needle.isEmpty, bytes.count >= needle.count else { return 0 }
    for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] {
      if bytes[start..<start + needle.count].elementsEqual(needle) { return start }
    }
    return 0
  }

  private static func readDocument(_ root: URL, _ name: String, _ findings: inout FindingList)
    -> [UInt8]?
  {
    guard let bytes = bytes(root, name) else {
      findings.add(name, 0, "missing: \(root.path) is not a hesp package")
      return nil
    }
    return bytes
  }

  private static func describe(_ error: any Error) -> String {
    switch error {
    case DecodingError.keyNotFound(let key, let context):
      return
        "missing field '\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))'"
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
      return
        "field '\(context.codingPath.map(\.stringValue).joined(separator: "."))': \(context.debugDescription)"
    case DecodingError.dataCorrupted(let context):
      return context.debugDescription
    default:
      return "\(error)"
    }
  }
}
