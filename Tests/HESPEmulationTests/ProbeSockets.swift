import Foundation
import HESPEmulation

#if canImport(Glibc)
  import Glibc
#endif

/// A stand-in server and client for testing the link without `hesp serve` or `hesp play`: the
/// server answers `GET /N` (or `GET /N?name`) with N bytes on a keep-alive connection; the client
/// times requests.
enum ProbeSockets {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  static func address(_ text: String, port: Int) -> sockaddr_in {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    inet_pton(AF_INET, text, &address.sin_addr)
    return address
  }

  /// Listens on `address:port` inside `namespace` and serves on a thread until `stop()`.
  final class Server: Sendable {
    let descriptor: Int32

    init(address text: String, port: Int, in namespace: NetworkNamespace) throws {
      descriptor = try namespace.perform {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = ProbeSockets.address(text, port: port)
        let bound = withUnsafePointer(to: &address) {
          $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
          }
        }
        guard bound == 0, listen(descriptor, 8) == 0 else {
          throw Failure(description: "bind: \(String(cString: strerror(errno)))")
        }
        return descriptor
      }
      let listening = descriptor
      Thread.detachNewThread {
        while true {
          let connection = accept(listening, nil, nil)
          guard connection >= 0 else { return }
          Thread.detachNewThread { Self.serve(connection) }
        }
      }
    }

    static func serve(_ connection: Int32) {
      defer { close(connection) }
      var pending = [UInt8]()
      var buffer = [UInt8](repeating: 0, count: 4096)
      while true {
        let count = read(connection, &buffer, buffer.count)
        guard count > 0 else { return }
        pending += buffer[0..<count]
        while let end = pending.firstRange(of: Array("\r\n\r\n".utf8)) {
          let request = String(decoding: pending[..<end.lowerBound], as: UTF8.self)
          pending.removeSubrange(..<end.upperBound)
          // `GET /N` or `GET /N?anything`: N bytes.
          let target = request.split(separator: " ").dropFirst().first?.dropFirst() ?? ""
          let size = Int(target.prefix(while: \.isNumber)) ?? 0
          let body = [UInt8](repeating: 0x61, count: size)
          let response = Array("HTTP/1.1 200 OK\r\nContent-Length: \(size)\r\n\r\n".utf8) + body
          var sent = 0
          while sent < response.count {
            let written = response[sent...].withUnsafeBytes {
              write(connection, $0.baseAddress!, $0.count)
            }
            guard written > 0 else { return }
            sent += written
          }
        }
      }
    }

    func stop() {
      shutdown(descriptor, Int32(SHUT_RDWR))
      close(descriptor)
    }
  }

  /// A keep-alive connection from inside `namespace`.
  final class Client {
    let descriptor: Int32

    /// Connects (the handshake crosses the link); returns the time it took, seconds.
    init(to text: String, port: Int, in namespace: NetworkNamespace) throws {
      descriptor = try namespace.perform { socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0) }
      var address = ProbeSockets.address(text, port: port)
      let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
      }
      guard connected == 0 else {
        throw Failure(description: "connect: \(String(cString: strerror(errno)))")
      }
    }

    /// `GET /size` (with `?query` when given); returns seconds to the first byte and to the last.
    func get(_ size: Int, query: String? = nil) throws -> (firstByte: Double, total: Double) {
      let start = Date()
      let target = "/\(size)" + (query.map { "?" + $0 } ?? "")
      let request = Array("GET \(target) HTTP/1.1\r\nHost: probe\r\n\r\n".utf8)
      guard
        request.withUnsafeBytes({ write(descriptor, $0.baseAddress!, $0.count) }) == request.count
      else {
        throw Failure(description: "write failed")
      }
      var received = [UInt8]()
      var firstByte: Double?
      var buffer = [UInt8](repeating: 0, count: 65536)
      var expected: Int?
      while expected.map({ received.count < $0 }) ?? true {
        let count = read(descriptor, &buffer, buffer.count)
        guard count > 0 else {
          throw Failure(description: "connection closed after \(received.count) bytes")
        }
        if firstByte == nil { firstByte = Date().timeIntervalSince(start) }
        received += buffer[0..<count]
        if expected == nil, let end = received.firstRange(of: Array("\r\n\r\n".utf8)) {
          expected = end.upperBound + size
        }
      }
      return (firstByte ?? 0, Date().timeIntervalSince(start))
    }

    deinit { close(descriptor) }
  }
}
