import Foundation
import HESPEmulation
import HESPTraces
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Real namespaces, TUN devices and TCP through the link. They need root, `ip` and
/// /dev/net/tun (CI has them); elsewhere they are skipped with the reason.
extension RealLinkTests {
  @Suite struct EmulatedPathTests {
    static func constant(mbps: Double, rttMs: Double) -> (LinkDirection, LinkDirection) {
      let trace = NetworkTrace(periods: [
        .init(durationMs: 600_000, bandwidthKbps: mbps * 1000, latencyMs: rttMs)
      ])
      let down = LinkDirection(capacity: .periods(trace), delay: .halfLatency(trace))
      var up = down
      up.capacity = .unlimited
      return (down, up)
    }

    static func ourNamespaces() -> [String] {
      ((try? FileManager.default.contentsOfDirectory(atPath: "/var/run/netns")) ?? []).filter {
        $0.hasPrefix("hesp-\(getpid())-")
      }
    }

    @Test func aRequestOverTheLinkTakesTheRoundTripPlusTheBytesAtTheRate() throws {
      let (down, up) = Self.constant(mbps: 6, rttMs: 80)
      let path = try EmulatedPath(downlink: down, uplink: up)
      defer { path.close() }
      let server = try ProbeSockets.Server(
        address: EmulatedPath.serverAddress, port: 9000, in: path.serverNamespace)
      defer { server.stop() }
      let connectStart = Date()
      let client = try ProbeSockets.Client(
        to: EmulatedPath.serverAddress, port: 9000, in: path.clientNamespace)
      let handshake = Date().timeIntervalSince(connectStart)
      // Warm the connection's window with one transfer, then time 94,000 bytes on it.
      _ = try client.get(200_000)
      let warm = try client.get(94_000)
      let statistics = path.close()
      // The handshake is one round trip; the link model says 80 ms + 94,000 x 8 / 6 Mbit/s = 205 ms.
      #expect(handshake >= 0.079 && handshake < 0.2, "handshake \(handshake) s")
      #expect(warm.firstByte >= 0.079 && warm.firstByte < 0.2, "first byte \(warm.firstByte) s")
      #expect(warm.total >= 0.2 && warm.total < 0.33, "total \(warm.total) s")
      #expect(statistics.downlink.dropped == 0)
      #expect(statistics.downlink.delivered > 200)
    }

    @Test func closingThePathDeletesBothNamespaces() throws {
      let (down, up) = Self.constant(mbps: 1, rttMs: 20)
      let path = try EmulatedPath(downlink: down, uplink: up)
      #expect(Self.ourNamespaces().count == 2)
      path.close()
      #expect(Self.ourNamespaces().isEmpty)
    }

    @Test func aServerThatNeverListensFailsTheRunAndLeavesNoNamespaceBehind() throws {
      let (down, up) = Self.constant(mbps: 1, rttMs: 20)
      #expect(throws: EmulationError.self) {
        try LinkSession.run(
          downlink: down, uplink: up, server: ["/bin/sh", "-c", "exit 3"], client: ["/bin/true"],
          port: 9001,
          serverStartSeconds: 5)
      }
      EmulationCleanup.reset()
      #expect(Self.ourNamespaces().isEmpty)
      #expect(EmulationCleanup.namespaces.isEmpty)
    }

    @Test func cleaningUpStopsTheProcessesInsideAndDeletesEveryNamespace() throws {
      let (down, up) = Self.constant(mbps: 1, rttMs: 20)
      let path = try EmulatedPath(downlink: down, uplink: up)
      let sleeper = try path.serverNamespace.spawn(["/bin/sleep", "30"])
      defer { EmulationCleanup.reset() }
      EmulationCleanup.cleanUp()
      #expect(sleeper.wait(seconds: 5) != nil)
      #expect(Self.ourNamespaces().isEmpty)
      #expect(throws: EmulationError.self) { _ = try NetworkNamespace(role: "late") }
      path.close()
    }
  }
}
