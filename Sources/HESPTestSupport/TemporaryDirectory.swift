import Foundation

/// A directory under the system temporary directory, removed when released.
public final class TemporaryDirectory: @unchecked Sendable {
  public let url: URL

  public init(prefix: String = "test") throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "hesp-\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  public func file(_ name: String) -> URL { url.appendingPathComponent(name) }

  /// Names of the entries in the directory.
  public func entries() -> [String] {
    (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
  }

  deinit { try? FileManager.default.removeItem(at: url) }
}
