import Foundation

/// A TCP connection to 127.0.0.1 with plain sockets: sends bytes exactly as given (no client
/// normalises a path or a header here) and reads with a deadline.
public final class RawConnection: Sendable {
  public let descriptor: Int32

  public struct Failed: Error, CustomStringConvertible {
    public var description: String
    public init(description: String) { self.description = description }
  }

  public init(port: Int, receiveBufferBytes: Int? = nil, timeoutSeconds: Int = 30) throws {
    descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw Failed(description: "socket: errno \(errno)") }
    var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
    setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    if var bytes = receiveBufferBytes.map(Int32.init) {
      setsockopt(descriptor, SOL_SOCKET, SO_RCVBUF, &bytes, socklen_t(MemoryLayout<Int32>.size))
    }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else {
      close(descriptor)
      throw Failed(description: "connect: errno \(errno)")
    }
  }

  deinit { close(descriptor) }

  /// Sends every byte (a reset by the server is not an error here: some tests provoke it);
  /// whether all of them were sent.
  @discardableResult public func send(_ bytes: [UInt8]) -> Bool {
    var sent = 0
    while sent < bytes.count {
      let count = bytes[sent...].withUnsafeBytes {
        Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
      }
      guard count > 0 else { return false }
      sent += count
    }
    return true
  }

  @discardableResult public func send(_ text: String) -> Bool { send(Array(text.utf8)) }

  /// Everything until the server closes, the limit, or the deadline.
  public func readAll(limitBytes: Int = 1 << 20) -> [UInt8] {
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while received.count < limitBytes {
      let count = receive(into: &buffer)
      guard count > 0 else { break }
      received += buffer[..<count]
    }
    return received
  }

  /// One read into `buffer`: the byte count, 0 at end of file, negative on an error or timeout.
  public func receive(into buffer: inout [UInt8]) -> Int {
    buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
  }

  /// Whether the server has closed the connection (a read returns end of file or a reset).
  public func isClosedByServer() -> Bool {
    var byte: UInt8 = 0
    let count = recv(descriptor, &byte, 1, Int32(MSG_DONTWAIT))
    return count == 0 || (count < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
  }

  /// One request with `Connection: close`, answered as (status, head text, body bytes).
  public static func exchange(port: Int, _ request: String) throws -> RawResponse {
    let connection = try RawConnection(port: port)
    connection.send(request)
    return RawResponse(connection.readAll())
  }
}

/// A response as bytes: status from the status line, head as text, the rest as body.
public struct RawResponse: Sendable {
  public var status: Int?
  public var head: String
  public var body: [UInt8]

  public init(_ bytes: [UInt8]) {
    let separator = Array("\r\n\r\n".utf8)
    let end = (0..<max(0, bytes.count - 3)).first { bytes[$0..<$0 + 4].elementsEqual(separator) }
    head = String(decoding: bytes[..<(end ?? bytes.count)], as: UTF8.self)
    body = end.map { Array(bytes[($0 + 4)...]) } ?? []
    let fields = head.split(separator: " ", maxSplits: 2)
    status = fields.count >= 2 && fields[0].hasPrefix("HTTP/") ? Int(fields[1]) : nil
  }

  public func header(_ name: String) -> String? {
    for line in head.split(separator: "\r\n").dropFirst() {
      let parts = line.split(separator: ":", maxSplits: 1)
      if parts.count == 2, parts[0].lowercased() == name.lowercased() {
        return parts[1].trimmingCharacters(in: .whitespaces)
      }
    }
    return nil
  }
}
