import Logging
import Synchronization

/// Which pooled connection each request ran on, and when each connection was opened, read from
/// AsyncHTTPClient's own log metadata (`ahc-connection-id`): the pool logs "Opening fresh
/// connection" on its background logger, and every request's logger carries the id of the
/// connection it was scheduled on. A request ran on a new connection when that connection was
/// opened after the request was issued (a handshake and a slow start in its time).
final class ConnectionLog: Sendable {
  private struct State {
    var openedMs: [String: Double] = [:]
    var requestConnection: [Int: String] = [:]
  }

  private let state = Mutex(State())
  let clock: SessionClock

  init(clock: SessionClock) { self.clock = clock }

  func opened(_ id: String) {
    let now = clock.nowMs()
    state.withLock { state in
      if state.openedMs[id] == nil { state.openedMs[id] = now }
    }
  }

  func request(_ request: Int, ranOn id: String) {
    state.withLock { state in
      if state.requestConnection[request] == nil { state.requestConnection[request] = id }
    }
  }

  /// The connection of request `request` and when it was opened (nil when not seen).
  func connection(of request: Int) -> (id: String, openedMs: Double?)? {
    state.withLock { state in
      guard let id = state.requestConnection[request] else { return nil }
      return (id, state.openedMs[id])
    }
  }

  /// The pool's background logger: notes when each connection is opened.
  func backgroundLogger() -> Logger {
    Logger(label: "hesp.play.pool") { _ in Handler(log: self, request: nil, level: .trace) }
  }

  /// A logger for request `request`: notes the connection it is scheduled on.
  func logger(forRequest request: Int) -> Logger {
    Logger(label: "hesp.play.request") { _ in Handler(log: self, request: request, level: .debug) }
  }

  struct Handler: LogHandler {
    let log: ConnectionLog
    let request: Int?
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level
    var metadataProvider: Logger.MetadataProvider?

    init(log: ConnectionLog, request: Int?, level: Logger.Level) {
      self.log = log
      self.request = request
      logLevel = level
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
      get { metadata[key] }
      set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
      let id = event.metadata?["ahc-connection-id"] ?? metadata["ahc-connection-id"]
      guard let id else { return }
      let text = "\(id)"
      if let request {
        log.request(request, ranOn: text)
      } else if event.message.description.hasPrefix("Opening fresh connection") {
        log.opened(text)
      }
    }
  }
}

/// The session clock: ms since the session started (monotonic).
struct SessionClock: Sendable {
  let start = ContinuousClock.now

  func nowMs() -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
  }
}
