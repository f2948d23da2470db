import Foundation
import HESPServer
import HESPTestSupport
import Testing

/// Over a real loopback socket to `hesp serve` in its own process, with requests written byte
/// for byte: nothing outside the
/// packages is served in any spelling, garbage gets a 4xx (never a 5xx), and the server still
/// answers correctly afterwards.
@Suite struct SocketSecurityTests {
  static let traversals = [
    "/tiny/../../../../etc/passwd", "/../../../../etc/passwd",
    "/tiny/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/tiny/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "/tiny/%252e%252e/%252e%252e/etc/passwd",
    "/tiny/..%255c..%255cetc/passwd",
    "/tiny/..\\..\\..\\etc\\passwd", "/tiny/%5c..%5c..%5cetc%5cpasswd", "/tiny/%00../../etc/passwd",
    "/tiny/manifest.json%00", "//etc/passwd", "/etc/passwd", "http://127.0.0.1/../../etc/passwd",
    "/tiny/video/72p/../../../../etc/passwd", "/tiny/.hesp-output", "/tiny/%2e/manifest.json",
  ]

  @Test func traversalInEverySpellingIsRefusedAndServingGoesOn() async throws {
    let server = try ServerProcess.serve([ServedFixture.packagePath])
    let port = server.port
    defer { _ = server }
    do {
      try await LiveServer.blocking {
        for target in Self.traversals {
          let response = try RawConnection.exchange(
            port: port, "GET \(target) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
          #expect([400, 403, 404].contains(response.status ?? 0), "\(target): \(response.head)")
          #expect(!String(decoding: response.body, as: UTF8.self).contains("root:"), "\(target)")
        }
        // A raw NUL and a raw backslash in the request line.
        for target in [
          Array("/tiny/\u{0}/../../etc/passwd".utf8), Array("/tiny/\\..\\manifest.json".utf8),
        ] {
          let connection = try RawConnection(port: port)
          connection.send(
            Array("GET ".utf8) + target
              + Array(" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8))
          let response = RawResponse(connection.readAll())
          #expect(
            response.status == nil || (400..<500).contains(response.status!), "\(response.head)")
        }
        let after = try RawConnection.exchange(
          port: port, "GET /tiny/manifest.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(after.status == 200)
        #expect(after.body == (try ServedFixture.bytes("manifest.json")))
      }
    }
  }

  @Test func symbolicLinksOutOfThePackageAreNotServed() async throws {
    let scratch = try TemporaryDirectory(prefix: "serve-links")
    let package = scratch.url.appendingPathComponent("linked").path
    try FileManager.default.copyItem(atPath: ServedFixture.packagePath, toPath: package)
    let secret = scratch.url.appendingPathComponent("secret.txt").path
    try Data("top secret".utf8).write(to: URL(fileURLWithPath: secret))
    let links = FileManager.default
    try links.createSymbolicLink(
      atPath: package + "/video/72p/secret.m4s", withDestinationPath: secret)
    try links.createSymbolicLink(
      atPath: package + "/video/72p/init-1.m4s", withDestinationPath: secret)
    try links.createSymbolicLink(
      atPath: package + "/outside", withDestinationPath: scratch.url.path)
    try links.createSymbolicLink(atPath: package + "/etc", withDestinationPath: "/etc")
    try links.createSymbolicLink(
      atPath: package + "/copy.json", withDestinationPath: "manifest.json")
    let server = try ServerProcess.serve([package])
    let port = server.port
    defer { _ = server }
    do {
      try await LiveServer.blocking {
        for target in [
          "/linked/video/72p/secret.m4s", "/linked/outside/secret.txt", "/linked/etc/passwd",
          "/linked/etc/hostname",
        ] {
          let response = try RawConnection.exchange(
            port: port, "GET \(target) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
          #expect(response.status == 404, "\(target): \(response.head)")
        }
        // A link named like an init packet is not one: the Compatibility rule answers with init-0.
        let packet = try RawConnection.exchange(
          port: port,
          "GET /linked/video/72p/init-1.m4s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(packet.status == 200)
        #expect(!String(decoding: packet.body, as: UTF8.self).contains("top secret"))
        // A link inside the package to a file inside it is served.
        let inside = try RawConnection.exchange(
          port: port, "GET /linked/copy.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(inside.status == 200)
      }
    }
  }

  @Test func garbageAndOversizedRequestsGet4xxNever5xx() async throws {
    let requests: [[UInt8]] = [
      Array("GARBAGE\r\n\r\n".utf8),
      Array("GET\r\n\r\n".utf8),
      Array("GET / HTTP/9.9\r\nHost: x\r\n\r\n".utf8),
      Array("GET /tiny/manifest.json HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n".utf8),
      Array(
        "GET /tiny/manifest.json HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "a", count: 70_000))\r\n\r\n"
          .utf8),
      Array(
        ("GET /tiny/manifest.json HTTP/1.1\r\n" + (0..<300).map { "X-\($0): y\r\n" }.joined()
          + "\r\n").utf8),
      Array("GET /\(String(repeating: "a", count: 10_000)) HTTP/1.1\r\nHost: x\r\n\r\n".utf8),
      Array(
        "POST /tiny/manifest.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 5\r\n\r\nhello"
          .utf8),
      Array("GET /tiny/manifest.json HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n".utf8),
      (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) },
    ]
    let server = try ServerProcess.serve([ServedFixture.packagePath])
    let port = server.port
    defer { _ = server }
    do {
      try await LiveServer.blocking {
        for (number, request) in requests.enumerated() {
          let connection = try RawConnection(port: port)
          connection.send(request)
          let response = RawResponse(connection.readAll(limitBytes: 1 << 16))
          if let status = response.status {
            #expect((400..<500).contains(status), "request \(number): \(response.head.prefix(200))")
          }
        }
        // A valid head with a broken body is answered, then the connection is closed at once.
        let started = Date()
        let brokenBody = try RawConnection.exchange(
          port: port,
          "GET /tiny/manifest.json HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
        #expect(brokenBody.status.map { $0 < 500 } ?? true)
        #expect(Date().timeIntervalSince(started) < 5)
        for range in [
          "bytes=-5-10", "bytes=10-5", "bytes=99999999999999999999999-", "bytes=0-1,2-3,4-5",
          "bytes=\u{7f}",
        ] {
          let response = try RawConnection.exchange(
            port: port,
            "GET /tiny/video/72p/content-0.m4s HTTP/1.1\r\nHost: x\r\nRange: \(range)\r\nConnection: close\r\n\r\n"
          )
          #expect(
            response.status.map { (400..<500).contains($0) } ?? true, "\(range): \(response.head)")
        }
        let after = try RawConnection.exchange(
          port: port,
          "GET /tiny/video/72p/init-0.m4s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(after.status == 200)
        #expect(after.body == (try ServedFixture.bytes("video/72p/init-0.m4s")))
      }
    }
  }
}
