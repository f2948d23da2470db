import Foundation
import HESPServer
import HESPTestSupport
import Hummingbird
import Logging
import ServiceLifecycle

/// `Fixtures/Play/flower` (two rungs and a baseline) served by `hesp serve`'s application on a
/// real loopback socket (port 0) for the length of `body`.
enum PlayServer {
  static let packagePath = Repository.fixture("Play/flower").path

  static func with<Value: Sendable>(_ body: @escaping @Sendable (Int) async throws -> Value)
    async throws -> Value
  {
    var options = ServeOptions(packages: [packagePath], port: 0)
    options.accessLog = nil
    return try await LoopbackService.with(
      logger: Logger(label: "hesp-play-tests"),
      { onListening in
        try HESPServer.application(
          stores: try HESPServer.loadStores(options), options: options, onListening: onListening)
      }, body)
  }
}
