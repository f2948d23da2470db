import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle
import UnixSignals

/// `hesp serve`'s one entry point: loads the packages, builds the Hummingbird application and
/// runs it until SIGINT or SIGTERM (graceful: requests in flight get `shutdownGrace`).
public enum HESPServer {
  /// Loads every package folder as a `PackageStore`; refuses two folders with one name and
  /// names the server keeps for itself.
  public static func loadStores(_ options: ServeOptions) throws -> [PackageStore] {
    var memory = MemoryBudget(totalBytes: options.memoryBudgetBytes)
    var names = Set<String>()
    return try options.packages.map { directory in
      let store = try PackageStore.load(directory: directory, memory: &memory)
      guard !HESPResponder.reservedNames.contains(store.name) else {
        throw ServeError.reservedName(store.name)
      }
      guard names.insert(store.name).inserted else { throw ServeError.duplicateName(store.name) }
      return store
    }
  }

  /// The application over `stores`; `onListening` gets the port once it accepts connections.
  public static func application(
    stores: [any HESPStore], options: ServeOptions,
    onListening: @escaping @Sendable (Int) async -> Void = { _ in }
  ) throws -> some ApplicationProtocol {
    let responder = HESPResponder(
      stores: stores, player: try PlayerAssets.bundled(), accessLog: options.accessLog)
    let fastPath =
      options.fastPath
      ? FastPath(responder: responder, sendfileMinimumBytes: options.sendfileMinimumBytes)
      : nil
    var logger = Logger(label: "hesp-serve")
    logger.logLevel = .warning
    let idleTimeout = TimeAmount.nanoseconds(
      Int64(
        options.idleTimeout.components.seconds * 1_000_000_000 + options.idleTimeout.components
          .attoseconds / 1_000_000_000))
    var limits = NIOHTTPDecoderLimitConfiguration()
    limits.maxHeaderFieldSize = options.maximumHeaderFieldBytes
    limits.maxHeaderListSize = options.maximumHeaderBytes
    limits.maxHeaderFieldCount = options.maximumHeaderFieldCount
    let decoderLimits = limits
    return Application(
      responder: responder,
      server: HTTPServerBuilder { responder in
        ServeChannel(
          responder: responder, fastPath: fastPath, idleTimeout: idleTimeout,
          decoderLimits: decoderLimits)
      },
      configuration: .init(
        address: .hostname(options.host, port: options.port), serverName: nil, backlog: 1024),
      onServerRunning: { channel in await onListening(channel.localAddress?.port ?? options.port) },
      logger: logger)
  }

  /// Makes SwiftNIO's event loops Swift Concurrency's global executor, so a request's task
  /// runs on the thread that read it instead of hopping to the cooperative pool and back (the
  /// hops were most of the cost of answering from memory). Only before any task has run: the
  /// command calls it first thing; false when it was too late. Blocking work on the global
  /// executor then blocks an event loop: file reads go through `FileIO`'s thread pool.
  @discardableResult
  public static func runTasksOnEventLoops() -> Bool {
    NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
  }

  /// Serves until SIGINT or SIGTERM. `companions` run beside the server (a live publisher):
  /// one that returns shuts the server down gracefully, one that throws stops it; on a signal
  /// they are told first (`withGracefulShutdownHandler`), the server after them, so open live
  /// continuations get their end before connections close.
  public static func run(
    stores: [any HESPStore], options: ServeOptions, companions: [any Service] = [],
    onListening: @escaping @Sendable (Int) async -> Void
  ) async throws {
    defer { options.accessLog?.flush() }
    let app = try application(stores: stores, options: options, onListening: onListening)
    // Services shut down in reverse order: the companions before the server.
    let services =
      [ServiceGroupConfiguration.ServiceConfiguration(service: app)]
      + companions.map {
        ServiceGroupConfiguration.ServiceConfiguration(
          service: $0, successTerminationBehavior: .gracefullyShutdownGroup,
          failureTerminationBehavior: .cancelGroup)
      }
    var configuration = ServiceGroupConfiguration(
      services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: app.logger)
    configuration.maximumGracefulShutdownDuration = options.shutdownGrace
    configuration.maximumCancellationDuration = .seconds(1)
    do {
      try await ServiceGroup(configuration: configuration).run()
    } catch let error as IOError {
      throw ServeError.cannotListen(
        "\(options.host):\(options.port)", String(cString: strerror(error.errnoCode)))
    }
  }
}
