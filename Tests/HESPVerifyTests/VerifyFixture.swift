import Foundation
import HESPCore
import HESPPackager
import HESPTestSupport

/// A small package of `Fixtures/Media/flower-320x180-1s.mp4` (2 rungs, 20 frames, GOP 12,
/// segments of 9 frames), copied into a fresh directory per test so tests can corrupt it.
enum VerifyFixture {
  static let source = Repository.fixture("Media/flower-320x180-1s.mp4")

  /// A new package; `configure` changes the packaging options (e.g. lossless init packets).
  static func package(_ configure: (inout PackagingOptions) -> Void = { _ in }) throws -> URL {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent(
      "hesp-verify-\(UUID().uuidString)")
    var options = PackagingOptions(
      inputPath: source.path, outputPath: out.path,
      ladder: try EncodingLadder(parsing: "180p@300k,120p@150k"),
      gopSeconds: 0.4, segmentDurationSeconds: 0.3, frameLimit: 20)
    configure(&options)
    _ = try Packager.run(options)
    return out
  }

  static func file(_ root: URL, _ path: String) -> URL { root.appendingPathComponent(path) }

  static func bytes(_ root: URL, _ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: file(root, path)))
  }

  static func write(_ bytes: [UInt8], _ root: URL, _ path: String) throws {
    try Data(bytes).write(to: file(root, path))
  }

  static func remove(_ root: URL) { try? FileManager.default.removeItem(at: root) }
}
