import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// A TUN device (layer 3, no packet-information header) created in a network namespace and
/// owned by this process: every IP packet the namespace routes to it is read here, and every
/// packet written here appears in the namespace as received on it. The device disappears when
/// `close()` closes the descriptor (or the process exits). Non-blocking.
public final class TunDevice: Sendable {
  /// The interface name inside its namespace.
  public let name: String
  public let namespace: NetworkNamespace
  /// The device's descriptor; -1 once closed.
  public var fileDescriptor: Int32 { descriptor.load(ordering: .acquiring) }
  private let descriptor: Atomic<Int32>

  /// `TUNSETIFF`, `_IOW('T', 202, int)`.
  static let setInterfaceRequest: UInt = 0x4004_54CA
  static let tunFlag: Int16 = 0x0001  // IFF_TUN
  static let noPacketInformationFlag: Int16 = 0x1000  // IFF_NO_PI

  /// Opens `/dev/net/tun` inside `namespace` and creates interface `name` there (at most 15
  /// bytes), down and without an address.
  /// - Throws: `EmulationError` naming the step that failed.
  public init(name: String, in namespace: NetworkNamespace) throws {
    precondition(name.utf8.count < 16, "interface names have at most 15 bytes")
    self.name = name
    self.namespace = namespace
    let opened = try namespace.perform { () throws(EmulationError) -> Int32 in
      let descriptor = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC)
      guard descriptor >= 0 else {
        throw EmulationError("hesp emulate needs /dev/net/tun: \(SystemCalls.errorText())")
      }
      // struct ifreq: the name (16 bytes), then the flags (a short) at offset 16; 40 bytes.
      var request = [UInt8](repeating: 0, count: 40)
      for (index, byte) in name.utf8.enumerated() { request[index] = byte }
      let flags = Self.tunFlag | Self.noPacketInformationFlag
      withUnsafeBytes(of: flags) { request.replaceSubrange(16..<18, with: $0) }
      let status = request.withUnsafeMutableBytes {
        ioctl(descriptor, Self.setInterfaceRequest, $0.baseAddress!)
      }
      guard status == 0 else {
        let reason = SystemCalls.errorText()
        Glibc.close(descriptor)
        throw EmulationError("cannot create TUN device \(name) in \(namespace.name): \(reason)")
      }
      return descriptor
    }
    descriptor = Atomic(opened)
  }

  /// Gives the device `address` with a point-to-point `peer` (both IPv4, e.g. from
  /// 169.254.0.0/16) and brings it up.
  public func configure(address: String, peer: String) throws(EmulationError) {
    try namespace.ip("addr", "add", address, "peer", peer, "dev", name)
    try namespace.ip("link", "set", name, "up")
  }

  /// Closes the descriptor, which removes the interface.
  public func close() {
    let current = descriptor.exchange(-1, ordering: .acquiringAndReleasing)
    guard current >= 0 else { return }
    Glibc.close(current)
  }

  deinit { close() }
}
