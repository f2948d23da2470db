import Foundation
import HESPServer
import HESPTestSupport
import Hummingbird
import Synchronization

/// `Fixtures/Serve/tiny` (one 72p track, 15 frames, 0.2 s segments, an init packet every 2nd
/// frame) behind a HESP application, with the access-log lines kept for the test.
struct ServedFixture: Sendable {
  static let packagePath = Repository.fixture("Serve/tiny").path

  let options: ServeOptions
  let logLines = LogLines()

  init(
    packages: [String] = [ServedFixture.packagePath],
    configure: (inout ServeOptions) -> Void = { _ in }
  ) {
    var options = ServeOptions(packages: packages, port: 0)
    configure(&options)
    let lines = logLines
    options.accessLog = AccessLog { line in lines.append(line) }
    self.options = options
  }

  func application(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) throws
    -> some ApplicationProtocol
  {
    try HESPServer.application(
      stores: try HESPServer.loadStores(options), options: options, onListening: onListening)
  }

  /// Bytes of a file of the fixture package.
  static func bytes(_ relativePath: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: packagePath + "/" + relativePath)))
  }

  final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
  }
}
