import Foundation
import Synchronization

/// A directory under the system temporary directory, removed when released, and in any case
/// when the test process exits (a directory held by a `static let` is never released).
public final class TemporaryDirectory: Sendable {
  public let url: URL

  public init(prefix: String = "test") throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "hesp-\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    ExitCleanup.register(url.path)
  }

  public func file(_ name: String) -> URL { url.appendingPathComponent(name) }

  /// Names of the entries in the directory.
  public func entries() -> [String] {
    (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
  }

  deinit {
    try? FileManager.default.removeItem(at: url)
    ExitCleanup.unregister(url.path)
  }
}

/// Paths removed by an `atexit` handler, installed with the first registration.
private enum ExitCleanup {
  static let paths = Mutex<Set<String>?>(nil)

  static func register(_ path: String) {
    let isFirst = paths.withLock { paths in
      let isFirst = paths == nil
      paths = (paths ?? []).union([path])
      return isFirst
    }
    if isFirst {
      atexit {
        for path in ExitCleanup.paths.withLock({ $0 ?? [] }) {
          try? FileManager.default.removeItem(atPath: path)
        }
      }
    }
  }

  static func unregister(_ path: String) {
    paths.withLock { _ = $0?.remove(path) }
  }
}
