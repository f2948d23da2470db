import Foundation
import HESPTestSupport
import Synchronization
import Testing

@testable import HESPServer

/// Bodies sent with `sendfile` from a descriptor opened once at start (`SharedFile`,
/// `--sendfile-min-kb`): the right bytes on every connection at once, pipelined or not, and
/// never the bytes of a file changed on disk after start (those answers come from memory).
@Suite struct SocketSharedFileTests {
  /// The fixture package plus two random files, one above the channel's high water mark (64 KB).
  static func package(in scratch: TemporaryDirectory) throws -> (
    path: String, files: [String: [UInt8]]
  ) {
    let package = scratch.url.appendingPathComponent("shared").path
    try FileManager.default.copyItem(atPath: ServedFixture.packagePath, toPath: package)
    var generator = SystemRandomNumberGenerator()
    var files: [String: [UInt8]] = [:]
    for (name, bytes) in [("big.bin", 200_000), ("middle.bin", 70_001)] {
      let data = (0..<bytes).map { _ in UInt8.random(in: 0...255, using: &generator) }
      try Data(data).write(to: URL(fileURLWithPath: package + "/" + name))
      files[name] = data
    }
    files["video/72p/init-4.m4s"] = Array(
      try Data(contentsOf: URL(fileURLWithPath: package + "/video/72p/init-4.m4s")))
    return (package, files)
  }

  @Test func aSharedFileGivesEveryConcurrentConnectionTheRightBytes() async throws {
    let scratch = try TemporaryDirectory(prefix: "serve-shared")
    let (package, files) = try Self.package(in: scratch)
    let server = try ServerProcess.serve([package, "--sendfile-min-kb", "1"])
    let port = server.port
    defer { _ = server }
    let names = files.keys.sorted()
    let connections = 12
    let failures = try await LiveServer.blocking { () -> [String] in
      let failures = Failures()
      DispatchQueue.concurrentPerform(iterations: connections) { number in
        do {
          let connection = try RawConnection(port: port, timeoutSeconds: 10)
          // One request at a time on a kept-alive connection, then 30 pipelined in one write.
          for round in 0..<20 {
            let name = names[(number + round) % names.count]
            connection.send("GET /shared/\(name) HTTP/1.1\r\nHost: x\r\n\r\n")
            let response = connection.readResponse()
            if response?.status != 200 || response?.body != files[name] {
              failures.add(
                "connection \(number) round \(round) \(name): \(response?.head ?? "no answer")")
            }
          }
          let pipelined = (0..<30).map { names[($0 + number) % names.count] }
          connection.send(
            pipelined.enumerated().map { index, name in
              "GET /shared/\(name) HTTP/1.1\r\nHost: x\r\n"
                + (index == pipelined.count - 1 ? "Connection: close\r\n\r\n" : "\r\n")
            }.joined())
          let responses = SocketConnectionTests.split(
            connection.readAll(limitBytes: 16 << 20), heads: pipelined.map { _ in "GET" })
          if responses.count != pipelined.count {
            failures.add("connection \(number): \(responses.count) pipelined answers")
          }
          for (response, name) in zip(responses, pipelined)
          where response.status != 200 || response.body != files[name] {
            failures.add("connection \(number) pipelined \(name): \(response.head)")
          }
        } catch {
          failures.add("connection \(number): \(error)")
        }
      }
      return failures.all
    }
    #expect(failures.isEmpty, "\(failures.prefix(5))")
  }

  @Test func aFileChangedAfterStartIsAnsweredWithTheBytesOfStart() async throws {
    let scratch = try TemporaryDirectory(prefix: "serve-shared-changed")
    let (package, files) = try Self.package(in: scratch)
    let server = try ServerProcess.serve([package, "--sendfile-min-kb", "1"])
    let port = server.port
    defer { _ = server }
    let get: @Sendable (String) throws -> RawResponse = { name in
      try RawConnection.exchange(
        port: port, "GET /shared/\(name) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    }
    let before = try await LiveServer.blocking { try files.keys.sorted().map(get) }
    #expect(before.map(\.status) == [200, 200, 200])
    // Truncated in place, overwritten in place with other bytes of the same length, replaced by
    // another file (a new inode) of the same length.
    let big = try FileHandle(forWritingTo: URL(fileURLWithPath: package + "/big.bin"))
    try big.truncate(atOffset: 100_000)
    try big.close()
    let middle = try FileHandle(forWritingTo: URL(fileURLWithPath: package + "/middle.bin"))
    try middle.write(contentsOf: Data(repeating: 7, count: 70_001))
    try middle.close()
    let initPath = package + "/video/72p/init-4.m4s"
    let replacement = Data(repeating: 9, count: files["video/72p/init-4.m4s"]!.count)
    try replacement.write(to: URL(fileURLWithPath: initPath + ".new"))
    #expect(rename(initPath + ".new", initPath) == 0)
    for (name, response) in zip(
      files.keys.sorted(),
      try await LiveServer.blocking {
        try files.keys.sorted().map(get)
      })
    {
      #expect(response.status == 200, "\(name)")
      #expect(response.header("Content-Length") == String(files[name]!.count), "\(name)")
      let sameBytes = response.body == files[name]
      #expect(sameBytes, "\(name): not the bytes served at start (\(response.body.count) bytes)")
    }
  }

  /// Failures collected from concurrent connections.
  final class Failures: Sendable {
    private let failures = Mutex<[String]>([])
    func add(_ failure: String) { failures.withLock { $0.append(failure) } }
    var all: [String] { failures.withLock { $0 } }
  }
}
