import Logging
import ServiceLifecycle

/// A server (`hesp serve`'s application) run on a real loopback socket for the length of a
/// test's `body`, then shut down gracefully: the server and player tests share it.
public enum LoopbackService {
  /// `make` builds the service, given the callback it calls with its port once it listens;
  /// `body` gets that port.
  public static func with<Value: Sendable>(
    logger: Logger,
    _ make: (@escaping @Sendable (Int) -> Void) throws -> any Service,
    _ body: @escaping @Sendable (Int) async throws -> Value
  ) async throws -> Value {
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let service = try make { port in continuation.yield(port) }
    let group = ServiceGroup(configuration: .init(services: [service], logger: logger))
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
