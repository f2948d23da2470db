import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Synchronization

/// One HTTP request of a play session, as measured (times in session ms; setup requests before
/// the session's start have negative times).
public struct PlayRequest: Sendable, Equatable, Codable {
  /// `manifest`, `frame-index`, `init`, `continuation`, `segment`, `part`.
  public var kind: String
  /// The request's path.
  public var path: String
  /// The `Range` header sent, if any.
  public var range: String?
  public var status: Int
  /// Body bytes received.
  public var bytes: Int
  public var requestMs: Double
  /// The response head arrived (≈ the first byte).
  public var firstByteMs: Double?
  /// The last byte arrived (nil when the player closed the response before its end).
  public var endMs: Double?
  /// AsyncHTTPClient's connection id.
  public var connection: String?
  /// True when the connection was opened for this request (handshake and slow start in its
  /// time); false on a warm keep-alive connection; nil when unknown.
  public var newConnection: Bool?
  /// True when the player closed the response before its end (a continuation left at a switch).
  public var cancelled: Bool
}

/// A keep-alive HTTP/1.1 connection pool (AsyncHTTPClient) that measures every request.
final class HTTPTransport: Sendable {
  let client: HTTPClient
  let clock: SessionClock
  let connections: ConnectionLog
  private let records = Mutex<[PlayRequest]>([])
  /// Session time 0 on the transport's clock.
  private let origin = Mutex<Double>(0)
  let requestTimeout: TimeAmount

  /// - Parameter prewarmedConnections: idle connections the pool keeps open beside those in use
  ///   (AsyncHTTPClient `preWarmedHTTP1ConnectionCount`), so an init packet or a new
  ///   continuation does not wait for a handshake.
  init(prewarmedConnections: Int, requestTimeoutSeconds: Int64) {
    clock = SessionClock()
    connections = ConnectionLog(clock: clock)
    var configuration = HTTPClient.Configuration()
    configuration.httpVersion = .http1Only
    configuration.decompression = .disabled
    configuration.redirectConfiguration = .disallow
    configuration.connectionPool = .init(
      idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 8)
    configuration.connectionPool.preWarmedHTTP1ConnectionCount = prewarmedConnections
    configuration.timeout = .init(connect: .seconds(10), read: .seconds(requestTimeoutSeconds))
    // A refused connection is an answer, not a reason to try again for the connect timeout.
    configuration.connectionPool.retryConnectionEstablishment = false
    client = HTTPClient(
      eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration,
      backgroundActivityLogger: connections.backgroundLogger())
    requestTimeout = .seconds(requestTimeoutSeconds)
  }

  func shutdown() async { try? await client.shutdown() }

  /// Starts the session clock: session time 0 is now.
  func startSession() { origin.withLock { $0 = clock.nowMs() } }

  /// Session ms now.
  func nowMs() -> Double { clock.nowMs() - origin.withLock { $0 } }

  var requests: [PlayRequest] {
    let list = records.withLock { $0 }
    let originMs = origin.withLock { $0 }
    return list.enumerated().map { index, record in
      var record = record
      if let connection = connections.connection(of: index) {
        record.connection = connection.id
        record.newConnection = connection.openedMs.map { $0 >= record.requestMs - 0.001 }
      }
      // Recorded on the transport's clock; reported in session time.
      record.requestMs -= originMs
      record.firstByteMs = record.firstByteMs.map { $0 - originMs }
      record.endMs = record.endMs.map { $0 - originMs }
      return record
    }
  }

  /// Sends a GET; returns once the response head arrived, with the body still to read.
  /// - Throws: `PlayerError` for a refused connection, a timeout or a status other than 200/206.
  func get(_ url: String, kind: String, range: String? = nil) async throws -> StreamedResponse {
    var request = HTTPClientRequest(url: url)
    request.method = .GET
    if let range { request.headers.add(name: "Range", value: range) }
    let path = URL(string: url)?.path ?? url
    let index = records.withLock { list in
      list.append(
        PlayRequest(
          kind: kind, path: path, range: range, status: 0, bytes: 0, requestMs: clock.nowMs(),
          cancelled: false))
      return list.count - 1
    }
    let response: HTTPClientResponse
    do {
      response = try await client.execute(
        request, timeout: requestTimeout, logger: connections.logger(forRequest: index))
    } catch {
      throw PlayerError.request(url, PlayerError.describe(error))
    }
    let head = clock.nowMs()
    records.withLock {
      $0[index].status = Int(response.status.code)
      $0[index].firstByteMs = head
    }
    guard response.status.code == 200 || response.status.code == 206 else {
      throw PlayerError.request(url, "HTTP \(response.status.code) \(response.status.reasonPhrase)")
    }
    let requestMs = records.withLock { $0[index].requestMs }
    return StreamedResponse(
      transport: self, index: index, url: url, body: response.body.makeAsyncIterator(),
      latencyMs: head - requestMs)
  }

  /// GET of a whole small resource.
  func fetch(_ url: String, kind: String, limit: Int = 64 << 20) async throws -> [UInt8] {
    var response = try await get(url, kind: kind)
    var bytes: [UInt8] = []
    while let chunk = try await response.next() {
      bytes += chunk
      guard bytes.count <= limit else {
        throw PlayerError.request(url, "larger than \(limit) bytes")
      }
    }
    return bytes
  }

  fileprivate func received(_ count: Int, index: Int) {
    records.withLock { $0[index].bytes += count }
  }

  fileprivate func ended(index: Int, cancelled: Bool) {
    let now = clock.nowMs()
    records.withLock {
      if cancelled {
        $0[index].cancelled = true
      } else if $0[index].endMs == nil {
        $0[index].endMs = now
      }
    }
  }
}

/// A response whose body is read as it arrives.
/// Handed from a prefetching task to the reader, then read by one task at a time.
// @unchecked: AsyncHTTPClient's body iterator is not Sendable; one task reads it at a time.
struct StreamedResponse: @unchecked Sendable {
  let transport: HTTPTransport
  let index: Int
  let url: String
  var body: HTTPClientResponse.Body.AsyncIterator
  /// Request to response head, ms.
  let latencyMs: Double
  private(set) var done = false

  init(
    transport: HTTPTransport, index: Int, url: String, body: HTTPClientResponse.Body.AsyncIterator,
    latencyMs: Double
  ) {
    self.transport = transport
    self.index = index
    self.url = url
    self.body = body
    self.latencyMs = latencyMs
  }

  /// The next piece of the body, nil at its end.
  mutating func next() async throws -> [UInt8]? {
    guard !done else { return nil }
    let buffer: ByteBuffer?
    do {
      buffer = try await body.next()
    } catch {
      throw PlayerError.request(url, PlayerError.describe(error))
    }
    guard let buffer else {
      done = true
      transport.ended(index: index, cancelled: false)
      return nil
    }
    transport.received(buffer.readableBytes, index: index)
    return Array(buffer.readableBytesView)
  }

  /// Notes that the player leaves the rest of the body (the connection then closes).
  mutating func cancel() {
    guard !done else { return }
    done = true
    transport.ended(index: index, cancelled: true)
  }
}
