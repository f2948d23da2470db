import Foundation
import HESPCore
import HESPTestSupport
import HESPTraces

/// Files under the repository's `Fixtures/` (`HESPTestSupport.Repository`).
enum Fixtures {
  static let root = Repository.fixture("")

  static func data(_ relativePath: String) throws -> Data {
    try Data(contentsOf: root.appendingPathComponent(relativePath))
  }

  static func text(_ relativePath: String) throws -> String {
    String(decoding: try data(relativePath), as: UTF8.self)
  }

  static func sabreMovie(_ name: String) throws -> SabreMovie {
    try JSONDecoder().decode(SabreMovie.self, from: data("Sabre/\(name).json"))
  }

  static func sabreTrace(_ path: String) throws -> NetworkTrace {
    NetworkTrace(
      periods: try JSONDecoder().decode(
        [NetworkTrace.Period].self, from: data("Sabre/\(path).json")))
  }
}
