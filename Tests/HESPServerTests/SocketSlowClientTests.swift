import Foundation
import HESPServer
import HESPTestSupport
import Testing

/// The idle timeout against answers that take long to leave: a slow client that keeps reading
/// a large answer gets all of it however long it takes, one that stops reading is closed about
/// the timeout after it stopped. Against `hesp serve` in its own process, with a 1 s timeout,
/// through each answering path; a few seconds each.
@Suite(.serialized) struct SocketSlowClientTests {
  /// The answering paths: the fast path from memory, the fast path from disk (`sendfile`), and
  /// Hummingbird's.
  static let paths: [[String]] = [[], ["--memory-mb", "0"], ["--no-fast-path"]]

  /// A copy of the fixture whose continuation segment `content-1.m4s` is `megabytes` MB.
  static func bigPackage(megabytes: Int) throws -> (TemporaryDirectory, String) {
    let scratch = try TemporaryDirectory(prefix: "serve-slow-client")
    let package = scratch.url.appendingPathComponent("big").path
    try FileManager.default.copyItem(atPath: ServedFixture.packagePath, toPath: package)
    var bytes = Data(count: megabytes << 20)
    for index in stride(from: 0, to: bytes.count, by: 4096) {
      bytes[index] = UInt8(index >> 12 & 0xFF)
    }
    try bytes.write(to: URL(fileURLWithPath: package + "/video/72p/content-1.m4s"))
    return (scratch, package)
  }

  @Test(
    "a slow client that keeps reading gets a whole answer that takes longer than the idle timeout",
    arguments: paths)
  func aSlowReaderGetsTheWholeAnswer(path: [String]) async throws {
    let (scratch, package) = try Self.bigPackage(megabytes: 8)
    let server = try ServerProcess.serve([package, "--idle-timeout", "1"] + path)
    let port = server.port
    let expected = try Data(contentsOf: URL(fileURLWithPath: package + "/video/72p/content-1.m4s"))
    let (response, seconds) = try await LiveServer.blocking { () -> (RawResponse, Double) in
      let connection = try RawConnection(port: port, receiveBufferBytes: 4096, timeoutSeconds: 10)
      let started = Date()
      connection.send(
        "GET /big/video/72p/content-1.m4s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
      // 4 MB/s: the 8 MB answer takes about 2 s, twice the idle timeout.
      let bytes = connection.readPaced(bytesPerSecond: 4 << 20, limitBytes: 12 << 20)
      return (RawResponse(bytes), Date().timeIntervalSince(started))
    }
    #expect(response.status == 200)
    let body = SocketSemanticsTests.dechunked(response.body)
    #expect(body.count == expected.count, "got \(body.count) of \(expected.count) bytes")
    #expect(body.elementsEqual(expected))
    #expect(seconds > 1.5, "the answer took \(seconds) s: not longer than the idle timeout")
    withExtendedLifetime(scratch) {}
    _ = server
  }

  @Test(
    "a client that stops reading in the middle of an answer is closed about the idle timeout later",
    arguments: paths)
  func aStalledReaderIsClosed(path: [String]) async throws {
    // More than the server's socket buffer can hold (tcp_wmem's maximum, 4 MB by default).
    let (scratch, package) = try Self.bigPackage(megabytes: 16)
    let server = try ServerProcess.serve([package, "--idle-timeout", "1"] + path)
    let port = server.port
    let size = 16 << 20
    let received = try await LiveServer.blocking { () -> Int in
      let connection = try RawConnection(port: port, receiveBufferBytes: 4096, timeoutSeconds: 10)
      connection.send(
        "GET /big/video/72p/content-1.m4s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
      // Reads nothing for 2.5 s, then everything until the server's close.
      Thread.sleep(forTimeInterval: 2.5)
      return connection.readAll(limitBytes: 2 * size).count
    }
    // Closed with most of the answer unsent; without the timeout, all of it would arrive.
    #expect(received < size, "got \(received) bytes: the stalled connection was not closed")
    withExtendedLifetime(scratch) {}
    _ = server
  }
}

extension RawConnection {
  /// Everything until the server closes, read at about `bytesPerSecond`.
  func readPaced(bytesPerSecond: Int, limitBytes: Int) -> [UInt8] {
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 16384)
    let started = Date()
    while received.count < limitBytes {
      let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
      guard count > 0 else { break }
      received += buffer[..<count]
      let due = Double(received.count) / Double(bytesPerSecond)
      let ahead = due - Date().timeIntervalSince(started)
      if ahead > 0 { Thread.sleep(forTimeInterval: ahead) }
    }
    return received
  }
}
