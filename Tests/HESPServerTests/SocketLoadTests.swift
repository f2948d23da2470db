import Foundation
import HESPServer
import HESPTestSupport
import Testing

/// Idle and slow clients hold nobody up. Bounded: 1,000 connections, a few seconds.
@Suite(.serialized) struct SocketLoadTests {
  @Test func aThousandIdleConnectionsDoNotStopOthersAndAreClosedAfterTheIdleTimeout() async throws {
    let fixture = ServedFixture { $0.idleTimeout = .seconds(2) }
    try await LiveServer.with(fixture) { port in
      try await LiveServer.blocking {
        var idle: [RawConnection] = []
        for number in 0..<1000 {
          let connection = try RawConnection(port: port, timeoutSeconds: 5)
          // Half send nothing, half an unfinished request (slowloris).
          if number % 2 == 1 { connection.send("GET /tiny/manifest.json HTTP/1.1\r\nHost: x\r\n") }
          idle.append(connection)
        }
        let started = Date()
        let answer = try RawConnection.exchange(port: port, "GET /tiny/video/72p/init-0.m4s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(answer.status == 200)
        #expect(Date().timeIntervalSince(started) < 1, "answered after \(Date().timeIntervalSince(started)) s")
        Thread.sleep(forTimeInterval: 3.5)
        let closed = idle.filter { $0.isClosedByServer() }.count
        #expect(closed >= 990, "\(closed) of 1000 idle connections closed after the 2 s idle timeout")
      }
    }
  }

  @Test func aClientThatDoesNotReadBlocksNobody() async throws {
    let scratch = try TemporaryDirectory(prefix: "serve-slow")
    let package = scratch.url.appendingPathComponent("big").path
    try FileManager.default.copyItem(atPath: ServedFixture.packagePath, toPath: package)
    // A 32 MB continuation segment (the bytes do not matter to the server).
    try Data(count: 32 << 20).write(to: URL(fileURLWithPath: package + "/video/72p/content-1.m4s"))
    for budget in [1 << 30, 0] {  // held in memory, then read from disk
      let fixture = ServedFixture(packages: [package]) { $0.memoryBudgetBytes = budget }
      try await LiveServer.with(fixture) { port in
        try await LiveServer.blocking {
          let slow = (0..<4).map { _ in try? RawConnection(port: port, receiveBufferBytes: 4096) }
          for connection in slow {
            connection?.send("GET /big/video/72p/content-1.m4s HTTP/1.1\r\nHost: x\r\n\r\n")
          }
          Thread.sleep(forTimeInterval: 0.3)
          let started = Date()
          for _ in 0..<20 {
            let answer = try RawConnection.exchange(port: port, "GET /big/video/72p/init-2.m4s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            #expect(answer.status == 200)
          }
          #expect(Date().timeIntervalSince(started) < 2, "20 requests took \(Date().timeIntervalSince(started)) s beside 4 stalled readers")
          withExtendedLifetime(slow) {}
        }
      }
    }
  }
}
