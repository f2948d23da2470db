import HESPServer
import Testing

/// Every spelling of a way out of the served tree is refused before any lookup.
@Suite struct RequestPathTests {
  @Test func plainPathsBecomeSegments() {
    #expect(
      RequestPath(target: "/tiny/video/72p/init-3.m4s?x=1")
        == .segments(["tiny", "video", "72p", "init-3.m4s"], trailingSlash: false))
    #expect(RequestPath(target: "/") == .segments([], trailingSlash: true))
    #expect(RequestPath(target: "/player/") == .segments(["player"], trailingSlash: true))
    #expect(RequestPath(target: "/a%20b") == .segments(["a b"], trailingSlash: false))
  }

  @Test(arguments: [
    "/tiny/../../etc/passwd", "/..", "/tiny/./manifest.json", "/%2e%2e/etc/passwd",
    "/%2E%2E/%2E%2E/etc/passwd",
    "/tiny/%2e%2e%2f%2e%2e%2fetc/passwd", "/tiny/%252e%252e/etc/passwd",
    "/tiny/..%5c..%5cetc/passwd",
    "/tiny\\..\\..\\etc\\passwd", "/tiny/%00/manifest.json", "/tiny/manifest.json%00.m4s",
    "//etc/passwd",
    "/tiny//manifest.json", "/tiny/.hesp-output", "/tiny/%2fetc%2fpasswd/..", "/tiny/%0d%0aX: y",
  ])
  func waysOutAreForbidden(target: String) {
    guard case .forbidden = RequestPath(target: target) else {
      Issue.record("\(target): \(RequestPath(target: target))")
      return
    }
  }

  @Test(arguments: [
    "etc/passwd", "http://evil/etc/passwd", "*", "/tiny/%zz", "/tiny/%2", "/%c3%28",
  ])
  func nonPathsAreMalformed(target: String) {
    guard case .malformed = RequestPath(target: target) else {
      Issue.record("\(target): \(RequestPath(target: target))")
      return
    }
  }

  @Test func overlongPathsAreMalformed() {
    guard case .malformed = RequestPath(target: "/" + String(repeating: "a", count: 5000)) else {
      Issue.record("a 5000-byte path was accepted")
      return
    }
  }
}
