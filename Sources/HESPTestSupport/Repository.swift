import Foundation

/// The repository checkout the tests run from, found through `#filePath`.
public enum Repository {
  /// The folder holding `Package.swift`.
  public static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// A file or folder under `Fixtures/`.
  public static func fixture(_ relativePath: String) -> URL {
    root.appendingPathComponent("Fixtures").appendingPathComponent(relativePath)
  }
}
