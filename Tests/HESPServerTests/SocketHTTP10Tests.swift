import Foundation
import HESPServer
import HESPTestSupport
import Testing

/// HTTP/1.0 on the wire: the connection closes after the answer unless the request asks for
/// keep-alive, and no answer is chunked (HTTP/1.0 has no chunked coding), whichever path
/// answers. Against `hesp serve` in its own process, with a long idle timeout so a close is the
/// server's answer to the request, not its timer.
@Suite struct SocketHTTP10Tests {
  /// The fast path, and every request through Hummingbird.
  static let paths: [[String]] = [[], ["--no-fast-path"]]

  @Test(
    "an HTTP/1.0 request without keep-alive is answered and the connection closed", arguments: paths
  )
  func closesAfterTheAnswer(path: [String]) async throws {
    let server = try ServerProcess.serve(
      [ServedFixture.packagePath, "--idle-timeout", "30"] + path)
    let port = server.port
    defer { _ = server }
    let init4 = try ServedFixture.bytes("video/72p/init-4.m4s")
    let results = try await LiveServer.blocking { () -> [(RawResponse, Double)] in
      try ["/tiny/video/72p/init-4.m4s", "/time", "/tiny/manifest.json"].map { target in
        let connection = try RawConnection(port: port, timeoutSeconds: 10)
        let started = Date()
        connection.send("GET \(target) HTTP/1.0\r\nHost: x\r\n\r\n")
        let response = RawResponse(connection.readAll())
        return (response, Date().timeIntervalSince(started))
      }
    }
    for (response, seconds) in results {
      #expect(response.status == 200)
      #expect(response.header("Connection")?.lowercased() == "close")
      #expect(response.header("Transfer-Encoding") == nil)
      #expect(response.header("Content-Length") == String(response.body.count))
      // Closed by the server at once (readAll returned at its close), not by a timer.
      #expect(seconds < 5, "the connection closed \(seconds) s after the request")
    }
    #expect(results.first?.0.body == init4)
  }

  @Test("an HTTP/1.0 continuation is answered whole, without chunked coding", arguments: paths)
  func continuationIsNotChunked(path: [String]) async throws {
    let server = try ServerProcess.serve(
      [ServedFixture.packagePath, "--idle-timeout", "30"] + path)
    let port = server.port
    defer { _ = server }
    let segment = try ServedFixture.bytes("video/72p/content-1.m4s")
    let response = try await LiveServer.blocking {
      let connection = try RawConnection(port: port, timeoutSeconds: 10)
      connection.send(
        "GET /tiny/video/72p/content-1.m4s HTTP/1.0\r\nHost: x\r\nRange: bytes=10-9007199254740991\r\n\r\n"
      )
      return RawResponse(connection.readAll())
    }
    #expect(response.status == 206)
    #expect(response.header("Transfer-Encoding") == nil)
    #expect(response.header("Content-Range") == "bytes 10-\(segment.count - 1)/\(segment.count)")
    #expect(response.body == Array(segment[10...]))
  }

  @Test("an HTTP/1.0 request with keep-alive keeps its connection", arguments: paths)
  func keepAliveIsHonoured(path: [String]) async throws {
    let server = try ServerProcess.serve(
      [ServedFixture.packagePath, "--idle-timeout", "30"] + path)
    let port = server.port
    defer { _ = server }
    let init4 = try ServedFixture.bytes("video/72p/init-4.m4s")
    let (responses, closed) = try await LiveServer.blocking { () -> ([RawResponse?], Bool) in
      let connection = try RawConnection(port: port, timeoutSeconds: 10)
      var responses: [RawResponse?] = []
      for target in ["/tiny/video/72p/init-4.m4s", "/time", "/tiny/video/72p/init-4.m4s"] {
        connection.send("GET \(target) HTTP/1.0\r\nHost: x\r\nConnection: keep-alive\r\n\r\n")
        responses.append(connection.readResponse())
      }
      Thread.sleep(forTimeInterval: 0.2)
      return (responses, connection.isClosedByServer())
    }
    #expect(responses.map { $0?.status } == [200, 200, 200])
    for response in responses {
      #expect(response?.header("Connection")?.lowercased() == "keep-alive")
    }
    #expect(responses.last??.body == init4)
    #expect(!closed)
  }
}
