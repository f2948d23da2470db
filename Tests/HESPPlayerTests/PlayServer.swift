import Foundation
import HESPServer
import HESPTestSupport
import Hummingbird
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
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let app = try HESPServer.application(
      stores: try HESPServer.loadStores(options), options: options,
      onListening: { port in continuation.yield(port) })
    let group = ServiceGroup(configuration: .init(services: [app], logger: app.logger))
    return try await withThrowingTaskGroup(of: Value?.self) { tasks in
      tasks.addTask {
        try await group.run()
        return nil
      }
      guard let port = await ports.first(where: { _ in true }) else { throw CancellationError() }
      do {
        let value = try await body(port)
        await group.triggerGracefulShutdown()
        try await tasks.waitForAll()
        return value
      } catch {
        await group.triggerGracefulShutdown()
        throw error
      }
    }
  }
}
