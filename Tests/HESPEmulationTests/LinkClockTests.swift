import Foundation
import HESPTraces
import Testing

@testable import HESPEmulation

/// The link's trace clock restarts at the player's first media request
/// (`EmulatedLink.clockStartsAtMediaRequest`), so the manifest and frame index do not eat the
/// trace's first seconds: which packets count as that request, and the restart on a real link.
struct MediaRequestPacketTests {
  /// An IPv4 packet carrying a TCP segment (no options) with `payload`.
  static func tcpPacket(_ payload: String, ipProtocol: UInt8 = 6) -> [UInt8] {
    var ip = [UInt8](repeating: 0, count: 20)
    ip[0] = 0x45
    ip[9] = ipProtocol
    var tcp = [UInt8](repeating: 0, count: 20)
    tcp[12] = 0x50
    return ip + tcp + Array(payload.utf8)
  }

  static func isMedia(_ packet: [UInt8]) -> Bool {
    EmulatedLink.isMediaRequest(packet, count: packet.count)
  }

  @Test("a GET of a media file is the session's first media request")
  func aMediaGetCounts() {
    #expect(
      Self.isMedia(Self.tcpPacket("GET /pkg/video/360p/init-0.m4s HTTP/1.1\r\nHost: x\r\n\r\n")))
    #expect(Self.isMedia(Self.tcpPacket("GET /pkg/baseline/video/360p/content-0.m4s HTTP/1.1\r\n")))
  }

  @Test("the manifest and the frame index do not restart the clock")
  func manifestAndIndexDoNotCount() {
    #expect(!Self.isMedia(Self.tcpPacket("GET /pkg/manifest.json HTTP/1.1\r\nHost: x\r\n\r\n")))
    #expect(!Self.isMedia(Self.tcpPacket("GET /pkg/frame-index.json HTTP/1.1\r\n\r\n")))
    #expect(!Self.isMedia(Self.tcpPacket("GET /pkg/baseline/manifest.json HTTP/1.1\r\n\r\n")))
  }

  @Test("an ACK, a response, a HEAD or a UDP datagram is no request")
  func otherPacketsDoNotCount() {
    #expect(!Self.isMedia(Self.tcpPacket("")))
    #expect(!Self.isMedia(Self.tcpPacket("HTTP/1.1 200 OK\r\n\r\n")))
    #expect(!Self.isMedia(Self.tcpPacket("HEAD /pkg/video/360p/init-0.m4s HTTP/1.1\r\n")))
    #expect(!Self.isMedia(Self.tcpPacket("GET /pkg/video/360p/init-0.m4s", ipProtocol: 17)))
    #expect(!EmulatedLink.isMediaRequest([0x45, 0, 0], count: 3))
  }
}

/// On a real link (root): the clock starts at the first SYN and restarts at the first media GET.
extension RealLinkTests {
  @Suite struct LinkClockTests {
    /// 1 s of a slow, long link (0.2 Mbit/s, 400 ms RTT), then a fast, short one (20 Mbit/s, 10 ms).
    static let slowThenFast = NetworkTrace(periods: [
      .init(durationMs: 1000, bandwidthKbps: 200, latencyMs: 400),
      .init(durationMs: 600_000, bandwidthKbps: 20_000, latencyMs: 10),
    ])

    @Test(
      "EmulatedLink.clockStartsAtMediaRequest puts the first media request at the trace's start")
    func clockStartsAtMediaRequest() throws {
      let (down, up) = LinkDirection.pair(trace: Self.slowThenFast)
      let path = try EmulatedPath(downlink: down, uplink: up, clockStartsAtMediaRequest: true)
      defer { path.close() }
      let server = try ProbeSockets.Server(
        address: EmulatedPath.serverAddress, port: 9002, in: path.serverNamespace)
      defer { server.stop() }
      // Before the first media request the trace is held at its first (slow) period: 1.2 s after
      // the SYN, a clock running from it would be in the fast one.
      let connected = Date()
      let client = try ProbeSockets.Client(
        to: EmulatedPath.serverAddress, port: 9002, in: path.clientNamespace)
      Thread.sleep(until: connected.addingTimeInterval(1.2))
      let manifest = try client.get(1000, query: "manifest.json")
      #expect(manifest.firstByte >= 0.39, "manifest: \(manifest.firstByte) s (held, slow)")
      // The first media request restarts the clock: the slow period for 1 s, then the fast one.
      let restarted = Date()
      let media = try client.get(1000)
      #expect(media.firstByte >= 0.39, "first media request: \(media.firstByte) s (slow)")
      Thread.sleep(until: restarted.addingTimeInterval(0.6))
      let second = try client.get(1000)
      #expect(second.firstByte >= 0.39, "0.6 s after the restart: \(second.firstByte) s (slow)")
      Thread.sleep(until: restarted.addingTimeInterval(1.2))
      let later = try client.get(1000)
      #expect(later.firstByte < 0.15, "1.2 s after the restart: \(later.firstByte) s (fast)")
    }

    @Test("without the option the clock runs from the first SYN")
    func clockRunsFromTheFirstPacket() throws {
      let (down, up) = LinkDirection.pair(trace: Self.slowThenFast)
      let path = try EmulatedPath(downlink: down, uplink: up)
      defer { path.close() }
      let server = try ProbeSockets.Server(
        address: EmulatedPath.serverAddress, port: 9003, in: path.serverNamespace)
      defer { server.stop() }
      let connected = Date()
      let client = try ProbeSockets.Client(
        to: EmulatedPath.serverAddress, port: 9003, in: path.clientNamespace)
      Thread.sleep(until: connected.addingTimeInterval(1.2))
      let media = try client.get(1000)
      #expect(media.firstByte < 0.15, "media request: \(media.firstByte) s (the fast period)")
    }
  }
}
