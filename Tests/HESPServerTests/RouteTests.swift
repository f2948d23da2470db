import Foundation
import HESPServer
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Every route and status of the draft's HTTP semantics, in process (HummingbirdTesting
/// `.router`: the responder without a socket).
@Suite struct RouteTests {
  let fixture = ServedFixture()

  @Test func theManifestHasTheHESPMediaTypeAndIsRevalidated() async throws {
    try await fixture.application().test(.router) { client in
      let response = try await client.execute(uri: "/tiny/manifest.json", method: .get)
      #expect(response.status == .ok)
      #expect(response.headers[.contentType] == "application/vnd.theo.hesp+json")
      #expect(response.headers[.cacheControl] == "no-cache")
      #expect(Array(buffer: response.body) == (try ServedFixture.bytes("manifest.json")))
    }
  }

  @Test func anInitPacketIsAPlainImmutableResource() async throws {
    try await fixture.application().test(.router) { client in
      let response = try await client.execute(uri: "/tiny/video/72p/init-4.m4s", method: .get)
      #expect(response.status == .ok)
      #expect(response.headers[.contentType] == "video/mp4")
      #expect(response.headers[.cacheControl] == "public, max-age=31536000, immutable")
      #expect(
        response.headers[.contentLength]
          == String(try ServedFixture.bytes("video/72p/init-4.m4s").count))
      #expect(response.headers[.contentLocation] == nil)
      #expect(response.headers[.eTag]?.hasPrefix("\"") == true)
      #expect(Array(buffer: response.body) == (try ServedFixture.bytes("video/72p/init-4.m4s")))
    }
  }

  @Test func aNumberWithoutAPacketGetsTheLatestEarlierOneInASparseStream() async throws {
    try await fixture.application().test(.router) { client in
      let response = try await client.execute(uri: "/tiny/video/72p/init-5.m4s", method: .get)
      #expect(response.status == .ok)
      #expect(response.headers[.contentLocation] == "init-4.m4s")
      #expect(Array(buffer: response.body) == (try ServedFixture.bytes("video/72p/init-4.m4s")))
      // Frame 14 is the last: 15 does not exist, nor does a non-canonical spelling.
      for uri in [
        "/tiny/video/72p/init-15.m4s", "/tiny/video/72p/init-05.m4s",
        "/tiny/video/72p/init-now.m4s",
        "/tiny/video/72p/init--1.m4s", "/tiny/video/72p/init-99999999999999999999.m4s",
      ] {
        let status = try await client.execute(uri: uri, method: .get).status
        #expect(status == .notFound, "\(uri)")
      }
    }
  }

  @Test func theContinuationRangeGets206WithContentRangeChunked() async throws {
    try await fixture.application().test(.router) { client in
      let segment = try ServedFixture.bytes("video/72p/content-1.m4s")
      let response = try await client.execute(
        uri: "/tiny/video/72p/content-1.m4s", method: .get,
        headers: [.range: "bytes=100-9007199254740991"])
      #expect(response.status == .partialContent)
      #expect(response.headers[.contentRange] == "bytes 100-\(segment.count - 1)/\(segment.count)")
      #expect(response.headers[.contentLength] == nil, "a continuation goes out chunked")
      #expect(Array(buffer: response.body) == Array(segment[100...]))
      let whole = try await client.execute(uri: "/tiny/video/72p/content-1.m4s", method: .get)
      #expect(whole.status == .ok)
      #expect(Array(buffer: whole.body) == segment)
    }
  }

  @Test(arguments: [
    "bytes=100000-9007199254740991", "bytes=10-5", "bytes=0-1,5-6", "bytes=-5-9", "bytes=x-",
  ])
  func anUnsatisfiableOrMalformedRangeGets416(range: String) async throws {
    try await fixture.application().test(.router) { client in
      let size = try ServedFixture.bytes("video/72p/content-1.m4s").count
      let response = try await client.execute(
        uri: "/tiny/video/72p/content-1.m4s", method: .get, headers: [.range: range])
      #expect(response.status == .rangeNotSatisfiable)
      #expect(response.headers[.contentRange] == "bytes */\(size)")
      #expect(response.headers[.cacheControl] == "no-store")
    }
  }

  @Test func whatDoesNotExistGets404() async throws {
    try await fixture.application().test(.router) { client in
      for uri in [
        "/nothere/manifest.json", "/tiny/video/72p/content-3.m4s", "/tiny/video/1080p/init-0.m4s",
        "/tiny/report.json", "/tiny/video/72p/", "/tiny/video", "/player/nothere.js", "/time/",
      ] {
        let response = try await client.execute(uri: uri, method: .get)
        #expect(response.status == .notFound, "\(uri)")
        #expect(response.headers[.accessControlAllowOrigin] == "*")
      }
    }
  }

  @Test func headAnswersTheHeadersOfGetWithoutABody() async throws {
    try await fixture.application().test(.router) { client in
      let response = try await client.execute(uri: "/tiny/video/72p/init-0.m4s", method: .head)
      #expect(response.status == .ok)
      #expect(
        response.headers[.contentLength]
          == String(try ServedFixture.bytes("video/72p/init-0.m4s").count))
      #expect(response.body.readableBytes == 0)
    }
  }

  @Test func aMatchingETagGets304() async throws {
    try await fixture.application().test(.router) { client in
      let first = try await client.execute(uri: "/tiny/video/72p/header.mp4", method: .get)
      let etag = try #require(first.headers[.eTag])
      for header in [etag, "\"other\", \(etag)", "*", "W/\(etag)"] {
        let again = try await client.execute(
          uri: "/tiny/video/72p/header.mp4", method: .get, headers: [.ifNoneMatch: header])
        #expect(again.status == .notModified, "\(header)")
        #expect(again.headers[.eTag] == etag)
        #expect(again.body.readableBytes == 0)
      }
      let other = try await client.execute(
        uri: "/tiny/video/72p/header.mp4", method: .get, headers: [.ifNoneMatch: "\"other\""])
      #expect(other.status == .ok)
    }
  }

  @Test func anIfRangeThatDoesNotMatchGetsTheWholeResource() async throws {
    try await fixture.application().test(.router) { client in
      let response = try await client.execute(
        uri: "/tiny/video/72p/content-0.m4s", method: .get,
        headers: [.range: "bytes=10-", .ifRange: "\"stale\""])
      #expect(response.status == .ok)
      #expect(Array(buffer: response.body) == (try ServedFixture.bytes("video/72p/content-0.m4s")))
    }
  }

  @Test func corsAllowsPlayersOnOtherOrigins() async throws {
    try await fixture.application().test(.router) { client in
      let preflight = try await client.execute(
        uri: "/tiny/video/72p/content-0.m4s", method: .options,
        headers: [
          .origin: "http://player.example", .accessControlRequestMethod: "GET",
          .accessControlRequestHeaders: "range",
        ])
      #expect(preflight.status == .noContent)
      #expect(preflight.headers[.accessControlAllowOrigin] == "*")
      #expect(preflight.headers[.accessControlAllowMethods]?.contains("GET") == true)
      #expect(preflight.headers[.accessControlAllowHeaders]?.contains("Range") == true)
      let get = try await client.execute(
        uri: "/tiny/manifest.json", method: .get, headers: [.origin: "http://player.example"])
      #expect(get.headers[.accessControlAllowOrigin] == "*")
      #expect(get.headers[.accessControlExposeHeaders]?.contains("Content-Range") == true)
      #expect(get.headers[.accessControlExposeHeaders]?.contains("Content-Length") == true)
      #expect(get.headers[HTTPField.Name("Timing-Allow-Origin")!] == "*")
    }
  }

  @Test func timeAnswersTheUTCTimeInISO8601() async throws {
    try await fixture.application().test(.router) { client in
      let before = Date()
      let response = try await client.execute(uri: "/time", method: .get)
      #expect(response.status == .ok)
      #expect(response.headers[.cacheControl] == "no-store")
      let text = String(buffer: response.body)
      #expect(text.hasSuffix("Z"))
      let after = Date()
      let parsed = try #require(
        try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
      #expect(
        parsed >= before.addingTimeInterval(-0.002) && parsed <= after.addingTimeInterval(0.002),
        "\(text)")
    }
  }

  @Test func otherMethodsGet405() async throws {
    try await fixture.application().test(.router) { client in
      for method in [HTTPRequest.Method.post, .put, .delete, .patch] {
        let response = try await client.execute(uri: "/tiny/manifest.json", method: method)
        #expect(response.status == .methodNotAllowed)
        #expect(response.headers[.allow] == "GET, HEAD, OPTIONS")
      }
    }
  }

  @Test func traversalGets403AndMalformedPathsGet400() async throws {
    try await fixture.application().test(.router) { client in
      for uri in [
        "/tiny/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/tiny/%252e%252e/manifest.json",
        "/tiny/..%5cmanifest.json", "/tiny/.hesp-output",
      ] {
        let status = try await client.execute(uri: uri, method: .get).status
        #expect(status == .forbidden, "\(uri)")
      }
      let malformed = try await client.execute(uri: "/tiny/%zz", method: .get).status
      #expect(malformed == .badRequest)
    }
  }

  @Test func theIndexAndThePlayerAreServed() async throws {
    try await fixture.application().test(.router) { client in
      let index = try await client.execute(uri: "/", method: .get)
      #expect(index.status == .ok)
      #expect(String(buffer: index.body).contains("/player/?manifest=/tiny/manifest.json"))
      let player = try await client.execute(uri: "/player/", method: .get)
      #expect(player.status == .ok)
      #expect(player.headers[.contentType]?.hasPrefix("text/html") == true)
      let redirect = try await client.execute(
        uri: "/player?manifest=/tiny/manifest.json", method: .get)
      #expect(redirect.status == .found)
      #expect(redirect.headers[.location] == "/player/?manifest=/tiny/manifest.json")
      let package = try await client.execute(uri: "/tiny/", method: .get)
      #expect(package.headers[.location] == "/player/?manifest=/tiny/manifest.json")
    }
  }

  @Test func theAccessLogHasOneLineWithCMCDKeys() async throws {
    try await fixture.application().test(.router) { client in
      _ = try await client.execute(
        uri: "/tiny/video/72p/init-2.m4s?CMCD=sf%3De%2Cbr%3D100", method: .get,
        headers: [HTTPField.Name("CMCD-Request")!: "bl=300", .range: "bytes=0-9"])
    }
    let line = try #require(fixture.logLines.all.last)
    #expect(line.contains("\"GET /tiny/video/72p/init-2.m4s?CMCD=sf%3De%2Cbr%3D100\" 206 10 "))
    #expect(line.contains("range=\"bytes=0-9\""))
    #expect(line.contains("cmcd=\"bl=300,sf=e,br=100\""))
  }

  @Test func logLinesCannotBeForged() async throws {
    try await fixture.application().test(.router) { client in
      _ = try await client.execute(
        uri: "/x", method: .get, headers: [HTTPField.Name("CMCD-Session")!: "sid=\"a\\\""])
    }
    let line = try #require(fixture.logLines.all.last)
    #expect(line.contains(#"cmcd="sid=\"a\\\"""#))
  }
}
