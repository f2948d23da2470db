import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Whether something accepts TCP connections at an IPv4 address and port inside a namespace
/// (the connection stays inside that namespace: it never crosses the link).
enum PortProbe {
  static func accepts(address: String, port: Int, in namespace: NetworkNamespace) -> Bool {
    (try? namespace.perform { () -> Bool in
      let descriptor = socket(
        AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
      guard descriptor >= 0 else { return false }
      defer { close(descriptor) }
      var target = sockaddr_in()
      target.sin_family = sa_family_t(AF_INET)
      target.sin_port = in_port_t(UInt16(port).bigEndian)
      guard inet_pton(AF_INET, address, &target.sin_addr) == 1 else { return false }
      return withUnsafePointer(to: &target) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
        }
      }
    }) ?? false
  }
}
