import Foundation
import HESPServer
import Hummingbird
import ServiceLifecycle

/// Runs a fixture's application on a real loopback socket (port 0) for the length of `body`,
/// then shuts it down gracefully.
enum LiveServer {
  static func with<Value: Sendable>(
    _ fixture: ServedFixture, _ body: @escaping @Sendable (Int) async throws -> Value
  ) async throws -> Value {
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let app = try fixture.application { port in continuation.yield(port) }
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

  /// Blocking socket work off the cooperative pool.
  static func blocking<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws
    -> Value
  {
    try await withCheckedThrowingContinuation { continuation in
      Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
    }
  }
}
