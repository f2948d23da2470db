import Foundation
import HESPServer
import HESPTestSupport
import Testing

/// The pipeline fast path (`FastPathHandler`) and Hummingbird's path (`hesp serve
/// --no-fast-path`, each in its own process) give the same answers on the wire: status, the headers that matter, and the body, for every kind of request the fast
/// path takes.
@Suite struct FastPathAgreementTests {
  static let requests: [(target: String, headers: String, method: String)] = [
    ("/tiny/manifest.json", "", "GET"),
    ("/tiny/video/72p/init-4.m4s", "", "GET"),
    ("/tiny/video/72p/init-5.m4s", "", "GET"),
    ("/tiny/video/72p/init-4.m4s", "", "HEAD"),
    ("/tiny/video/72p/content-1.m4s", "Range: bytes=100-9007199254740991\r\n", "GET"),
    ("/tiny/video/72p/content-1.m4s", "", "GET"),
    ("/tiny/video/72p/content-1.m4s", "Range: bytes=100000-\r\n", "GET"),
    ("/tiny/video/72p/content-1.m4s", "Range: bytes=5-1\r\n", "GET"),
    ("/tiny/video/72p/header.mp4", "If-None-Match: *\r\n", "GET"),
    ("/tiny/video/72p/header.mp4", "Range: bytes=0-9\r\nIf-Range: \"stale\"\r\n", "GET"),
    ("/tiny/video/72p/init-15.m4s", "", "GET"),
    ("/tiny/video/72p/content-1.m4s", "", "HEAD"),
    ("/tiny/video/72p/content-1.m4s", "Range: bytes=100-9007199254740991\r\n", "HEAD"),
    ("/tiny/video/72p/init-2.m4s?x=1", "", "GET"),
    ("/tiny/video/72p/init-%32.m4s", "", "GET"),
    ("/tiny/video/72p/init-2.m4s", "Range: bytes=0-1\r\nRange: bytes=4-5\r\n", "GET"),
  ]
  static let comparedHeaders = [
    "Content-Type", "Content-Length", "Content-Range", "Transfer-Encoding", "ETag", "Cache-Control",
    "Content-Location", "Accept-Ranges", "Access-Control-Allow-Origin",
    "Access-Control-Expose-Headers",
    "Timing-Allow-Origin",
  ]

  /// In memory (the fast path's answers built at start), in memory but sent from the files
  /// opened at start (`--sendfile-min-kb 1`: every body from 1 KB on) and read from disk
  /// (`--memory-mb 0`: the fast path sends the files with `sendfile`).
  @Test(arguments: [[], ["--sendfile-min-kb", "1"], ["--memory-mb", "0"]])
  func bothPathsAnswerAlike(options: [String]) async throws {
    let fast = try await Self.answers(ServerProcess.serve([ServedFixture.packagePath] + options))
    let slow = try await Self.answers(
      ServerProcess.serve([ServedFixture.packagePath, "--no-fast-path"] + options))
    for (index, request) in Self.requests.enumerated() {
      #expect(fast[index].status == slow[index].status, "\(request)")
      for name in Self.comparedHeaders {
        #expect(fast[index].header(name) == slow[index].header(name), "\(request) \(name)")
      }
      #expect(fast[index].header("Date") != nil)
      #expect(fast[index].body == slow[index].body, "\(request)")
    }
  }

  static func answers(_ server: ServerProcess) async throws -> [RawResponse] {
    let port = server.port
    defer { _ = server }
    return try await LiveServer.blocking {
      try requests.map { request in
        try RawConnection.exchange(
          port: port,
          "\(request.method) \(request.target) HTTP/1.1\r\nHost: x\r\n\(request.headers)Connection: close\r\n\r\n"
        )
      }
    }
  }
}
