import Foundation

/// Golden files under `Fixtures/Golden/`, compared byte for byte. With `HESP_UPDATE_GOLDEN=1`
/// in the environment, the actual text is written first (then review the diff with git).
public enum GoldenFile {
  /// True when the goldens are being rewritten.
  public static var updating: Bool {
    ProcessInfo.processInfo.environment["HESP_UPDATE_GOLDEN"] == "1"
  }

  /// The golden text at `Fixtures/Golden/<relativePath>`, rewritten with `actual` when updating.
  public static func expected(_ relativePath: String, actual: String) throws -> String {
    let url = Repository.fixture("Golden").appendingPathComponent(relativePath)
    if updating {
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(actual.utf8).write(to: url, options: .atomic)
    }
    return try String(contentsOf: url, encoding: .utf8)
  }

  /// The golden bytes at `Fixtures/Golden/<relativePath>`, rewritten with `actual` when updating.
  public static func expectedBytes(_ relativePath: String, actual: [UInt8]) throws -> [UInt8] {
    let url = Repository.fixture("Golden").appendingPathComponent(relativePath)
    if updating {
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(actual).write(to: url, options: .atomic)
    }
    return Array(try Data(contentsOf: url))
  }

  /// The first differing line of two texts, for a readable failure message.
  public static func firstDifference(_ actual: String, _ expected: String) -> String {
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    for index in 0..<max(a.count, e.count) {
      let left = index < a.count ? String(a[index]) : "<end>"
      let right = index < e.count ? String(e[index]) : "<end>"
      if left != right { return "line \(index + 1):\n  actual:   \(left)\n  expected: \(right)" }
    }
    return "identical"
  }
}
