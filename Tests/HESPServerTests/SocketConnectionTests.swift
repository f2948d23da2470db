import Foundation
import HESPTestSupport
import Testing

@testable import HESPServer

/// One connection's life on a real socket: pipelined requests answered in order whichever path
/// answers them (the fast path in the pipeline, or Hummingbird), a connection in use that is
/// not closed by the idle timeout, and `Connection: close`.
@Suite struct SocketConnectionTests {
  /// Also with every fast-path body from 1 KB on sent with `sendfile` under `TCP_CORK`.
  @Test(arguments: [[], ["--sendfile-min-kb", "1"]])
  func pipelinedRequestsAreAnsweredInOrderAcrossBothPaths(options: [String]) async throws {
    let server = try ServerProcess.serve([ServedFixture.packagePath] + options)
    let port = server.port
    defer { _ = server }
    let init4 = try ServedFixture.bytes("video/72p/init-4.m4s")
    let segment = try ServedFixture.bytes("video/72p/content-1.m4s")
    let responses = try await LiveServer.blocking { () -> [RawResponse] in
      let connection = try RawConnection(port: port)
      // Fast, Hummingbird, fast (range, chunked), Hummingbird (404), fast (HEAD), fast with close.
      connection.send(
        "GET /tiny/video/72p/init-4.m4s HTTP/1.1\r\nHost: x\r\n\r\n"
          + "OPTIONS /tiny/manifest.json HTTP/1.1\r\nHost: x\r\n\r\n"
          + "GET /tiny/video/72p/content-1.m4s HTTP/1.1\r\nHost: x\r\nRange: bytes=10-9007199254740991\r\n\r\n"
          + "GET /tiny/nothing.m4s HTTP/1.1\r\nHost: x\r\n\r\n"
          + "HEAD /tiny/video/72p/init-4.m4s HTTP/1.1\r\nHost: x\r\n\r\n"
          + "GET /tiny/video/72p/init-4.m4s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
      return Self.split(
        connection.readAll(), heads: ["GET", "OPTIONS", "GET", "GET", "HEAD", "GET"])
    }
    #expect(responses.map(\.status) == [200, 204, 206, 404, 200, 200])
    guard responses.count == 6 else { return }
    #expect(responses[0].body == init4)
    #expect(SocketSemanticsTests.dechunked(responses[2].body) == Array(segment[10...]))
    #expect(responses[4].header("Content-Length") == String(init4.count))
    #expect(responses[4].body.isEmpty)
    #expect(responses[5].body == init4)
  }

  @Test func aConnectionInUseOutlivesTheIdleTimeout() async throws {
    let server = try ServerProcess.serve([ServedFixture.packagePath, "--idle-timeout", "1"])
    let port = server.port
    defer { _ = server }
    let statuses = try await LiveServer.blocking { () -> [Int?] in
      let connection = try RawConnection(port: port, timeoutSeconds: 5)
      var statuses: [Int?] = []
      // 2.5 s of requests 0.25 s apart, fast path and Hummingbird's alternately, on one connection.
      for number in 0..<10 {
        let target = number % 2 == 0 ? "/tiny/video/72p/init-2.m4s" : "/time"
        connection.send("GET \(target) HTTP/1.1\r\nHost: x\r\n\r\n")
        statuses.append(connection.readResponse()?.status)
        Thread.sleep(forTimeInterval: 0.25)
      }
      Thread.sleep(forTimeInterval: 1.6)
      statuses.append(connection.isClosedByServer() ? -1 : 0)
      return statuses
    }
    #expect(statuses == Array(repeating: 200, count: 10) + [-1], "\(statuses)")
  }

  @Test func theAccessLogTimestampIsISO8601WithMilliseconds() {
    for seconds in [0.0, 1.5, 1_765_000_000.123, 1_796_999_999.999, 951_782_400.5, -0.25] {
      let date = Date(timeIntervalSince1970: seconds)
      #expect(AccessLog.timestamp(date) == UTCTime.iso8601(date), "\(seconds)")
    }
  }

  /// Consecutive responses in `bytes`, framed by `Content-Length`, chunked coding, or neither
  /// (no body: HEAD, 204, 304).
  static func split(_ bytes: [UInt8], heads methods: [String]) -> [RawResponse] {
    var responses: [RawResponse] = []
    var position = 0
    for method in methods {
      let separator = Array("\r\n\r\n".utf8)
      guard
        let end = (position..<max(position, bytes.count - 3)).first(where: {
          bytes[$0..<$0 + 4].elementsEqual(separator)
        })
      else { break }
      let head = RawResponse(Array(bytes[position..<end + 4]))
      var bodyEnd = end + 4
      if method == "HEAD" || head.status == 204 || head.status == 304 {
      } else if let length = head.header("Content-Length").flatMap({ Int($0) }) {
        bodyEnd += length
      } else if head.header("Transfer-Encoding")?.lowercased() == "chunked" {
        while let lineEnd = (bodyEnd..<max(bodyEnd, bytes.count - 1)).first(where: {
          bytes[$0] == 13 && bytes[$0 + 1] == 10
        }),
          let size = Int(String(decoding: bytes[bodyEnd..<lineEnd], as: UTF8.self), radix: 16)
        {
          bodyEnd = lineEnd + 2 + size + 2
          if size == 0 { break }
        }
      }
      guard bodyEnd <= bytes.count else { break }
      var response = head
      response.body = Array(bytes[(end + 4)..<bodyEnd])
      responses.append(response)
      position = bodyEnd
    }
    return responses
  }
}

extension RawConnection {
  /// One response with a `Content-Length` (reads until its body is complete).
  func readResponse() -> RawResponse? {
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
      guard count > 0 else { return nil }
      received += buffer[..<count]
      let response = RawResponse(received)
      if let length = response.header("Content-Length").flatMap({ Int($0) }),
        response.body.count >= length
      {
        return response
      }
    }
  }
}
