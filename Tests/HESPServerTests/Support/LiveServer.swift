import Foundation
import HESPServer
import HESPTestSupport
import Hummingbird
import Logging
import ServiceLifecycle

/// Runs a fixture's application on a real loopback socket (port 0) for the length of `body`,
/// then shuts it down gracefully.
enum LiveServer {
  static func with<Value: Sendable>(
    _ fixture: ServedFixture, _ body: @escaping @Sendable (Int) async throws -> Value
  ) async throws -> Value {
    try await LoopbackService.with(
      logger: Logger(label: "hesp-server-tests"), { try fixture.application(onListening: $0) }, body
    )
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
