import Foundation
import HESPServer
import HESPTestSupport
import Testing

/// The draft's continuation request and CORS over a real socket to `hesp serve` in its own
/// process: what a browser sees.
@Suite struct SocketSemanticsTests {
  @Test func theContinuationRangeIsChunked206OnTheWire() async throws {
    let server = try ServerProcess.serve([ServedFixture.packagePath])
    let port = server.port
    defer { _ = server }
    do {
      try await LiveServer.blocking {
        let segment = try ServedFixture.bytes("video/72p/content-0.m4s")
        let response = try RawConnection.exchange(
          port: port,
          "GET /tiny/video/72p/content-0.m4s HTTP/1.1\r\nHost: x\r\nRange: bytes=500-9007199254740991\r\nConnection: close\r\n\r\n"
        )
        #expect(response.status == 206)
        #expect(
          response.header("Content-Range") == "bytes 500-\(segment.count - 1)/\(segment.count)")
        #expect(response.header("Transfer-Encoding")?.lowercased() == "chunked")
        #expect(response.header("Content-Length") == nil)
        #expect(Self.dechunked(response.body) == Array(segment[500...]))
      }
    }
  }

  @Test func aPreflightFromAnotherOriginAllowsRangeAndExposesContentRange() async throws {
    let server = try ServerProcess.serve([ServedFixture.packagePath])
    let port = server.port
    defer { _ = server }
    do {
      try await LiveServer.blocking {
        let preflight = try RawConnection.exchange(
          port: port,
          "OPTIONS /tiny/video/72p/content-0.m4s HTTP/1.1\r\nHost: x\r\nOrigin: http://elsewhere.test\r\n"
            + "Access-Control-Request-Method: GET\r\nAccess-Control-Request-Headers: range\r\nConnection: close\r\n\r\n"
        )
        #expect(preflight.status == 204)
        #expect(preflight.header("Access-Control-Allow-Origin") == "*")
        #expect(preflight.header("Access-Control-Allow-Headers")?.contains("Range") == true)
        let get = try RawConnection.exchange(
          port: port,
          "GET /tiny/manifest.json HTTP/1.1\r\nHost: x\r\nOrigin: http://elsewhere.test\r\nConnection: close\r\n\r\n"
        )
        #expect(get.header("Access-Control-Expose-Headers")?.contains("Content-Range") == true)
        #expect(get.header("Timing-Allow-Origin") == "*")
        #expect(get.header("Content-Type") == "application/vnd.theo.hesp+json")
      }
    }
  }

  @Test func theFastPathLogsOneLineWithCMCDKeys() async throws {
    let fixture = ServedFixture()
    try await LiveServer.with(fixture) { port in
      try await LiveServer.blocking {
        _ = try RawConnection.exchange(
          port: port,
          "GET /tiny/video/72p/init-2.m4s?CMCD=sf%3De HTTP/1.1\r\nHost: x\r\nCMCD-Request: bl=300\r\nConnection: close\r\n\r\n"
        )
      }
    }
    let line = try #require(fixture.logLines.all.last)
    #expect(
      line.contains("127.0.0.1 \"GET /tiny/video/72p/init-2.m4s?CMCD=sf%3De\" 200 "), "\(line)")
    #expect(line.contains("cmcd=\"bl=300,sf=e\""), "\(line)")
  }

  /// The body of a chunked response.
  static func dechunked(_ bytes: [UInt8]) -> [UInt8] {
    var body: [UInt8] = []
    var position = 0
    while let lineEnd = (position..<max(position, bytes.count - 1)).first(where: {
      bytes[$0] == 13 && bytes[$0 + 1] == 10
    }),
      let size = Int(String(decoding: bytes[position..<lineEnd], as: UTF8.self), radix: 16),
      size > 0
    {
      body += bytes[(lineEnd + 2)..<(lineEnd + 2 + size)]
      position = lineEnd + 2 + size + 2
    }
    return body
  }
}
