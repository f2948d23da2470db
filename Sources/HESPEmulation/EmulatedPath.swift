import Foundation
import Synchronization

/// Two network namespaces, a server's and a client's, joined only by an `EmulatedLink` between
/// a TUN device in each: `serverAddress` and `clientAddress` are a point-to-point pair from
/// 169.254.0.0/16, and the namespaces have no other interface than `lo`. `close()` stops the
/// link and deletes both namespaces; an error while opening leaves nothing behind.
public final class EmulatedPath: Sendable {
  public static let serverAddress = "169.254.77.1"
  public static let clientAddress = "169.254.77.2"
  /// The TUN device's name in each namespace.
  public static let deviceName = "hesp0"

  public let serverNamespace: NetworkNamespace
  public let clientNamespace: NetworkNamespace
  public let link: EmulatedLink
  private let closed = Mutex(false)

  /// The TCP congestion control of both namespaces (`net.ipv4.tcp_congestion_control`).
  public let congestionControl: String

  /// Creates the namespaces and devices and starts the link.
  /// - Parameter congestionControl: TCP congestion control for both namespaces (`cubic`, `bbr`,
  ///   `reno`); nil keeps what a new namespace gets (the system's default).
  /// - Throws: `EmulationError`; whatever was made is removed first.
  public init(
    downlink: LinkDirection, uplink: LinkDirection, congestionControl: String? = nil,
    clockStartsAtMediaRequest: Bool = false
  ) throws {
    let server = try NetworkNamespace(role: "server")
    var client: NetworkNamespace?
    var devices: [TunDevice] = []
    do {
      client = try NetworkNamespace(role: "client")
      let serverDevice = try TunDevice(name: Self.deviceName, in: server)
      devices.append(serverDevice)
      let clientDevice = try TunDevice(name: Self.deviceName, in: client!)
      devices.append(clientDevice)
      try serverDevice.configure(address: Self.serverAddress, peer: Self.clientAddress)
      try clientDevice.configure(address: Self.clientAddress, peer: Self.serverAddress)
      if let congestionControl {
        for namespace in [server, client!] {
          do { try namespace.set("net/ipv4/tcp_congestion_control", to: congestionControl) } catch {
            // Linux lets a namespace other than the first choose only the allowed algorithms.
            let allowed =
              (try? String(
                contentsOfFile: "/proc/sys/net/ipv4/tcp_allowed_congestion_control", encoding: .utf8
              ))?
              .trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
            throw EmulationError(
              "--congestion-control \(congestionControl): a network namespace may only choose one of "
                + "net.ipv4.tcp_allowed_congestion_control (\(allowed))")
          }
        }
      }
      self.congestionControl = try server.setting("net/ipv4/tcp_congestion_control")
      link = try EmulatedLink(
        server: serverDevice, serverAddress: Self.serverAddress, client: clientDevice,
        clientAddress: Self.clientAddress, downlink: downlink, uplink: uplink)
      link.clockStartsAtMediaRequest = clockStartsAtMediaRequest
    } catch {
      for device in devices { device.close() }
      client?.delete()
      server.delete()
      throw error
    }
    serverNamespace = server
    clientNamespace = client!
    link.start()
  }

  /// Stops the link, closes the devices and deletes the namespaces; returns the link's counters.
  @discardableResult
  public func close() -> EmulatedLink.Statistics {
    let statistics = link.stop()
    let wasClosed = closed.withLock { closed in
      defer { closed = true }
      return closed
    }
    guard !wasClosed else { return statistics }
    link.server.close()
    link.client.close()
    clientNamespace.delete()
    serverNamespace.delete()
    return statistics
  }

  deinit { close() }
}
