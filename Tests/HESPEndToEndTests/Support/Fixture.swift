import Foundation
import HESPTestSupport

/// Files under the repository's `Fixtures/`.
enum Fixture {
  static let repositoryRoot = Repository.root

  static func media(_ name: String) -> URL {
    repositoryRoot.appendingPathComponent("Fixtures/Media").appendingPathComponent(name)
  }

  /// 320x180, 30 fps, 30 frames, B-frames.
  static let clip = media("flower-320x180-1s.mp4")
}
