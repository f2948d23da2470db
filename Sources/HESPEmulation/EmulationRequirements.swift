import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// What `hesp emulate` needs from the machine: root, the `ip` command, `/dev/net/tun`, and
/// permission to create network namespaces (checked by making one and deleting it).
public enum EmulationRequirements {
  /// Throws a one-line `EmulationError` saying what is missing.
  public static func check() throws(EmulationError) {
    guard geteuid() == 0 else {
      throw EmulationError(
        "hesp emulate needs root (it creates network namespaces and TUN devices); run it as root")
    }
    _ = try IPCommand.executable()
    let descriptor = open("/dev/net/tun", O_RDWR | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw EmulationError(
        "hesp emulate needs /dev/net/tun, which cannot be opened: \(SystemCalls.errorText())")
    }
    close(descriptor)
    do {
      let probe = try NetworkNamespace(role: "probe")
      probe.delete()
    } catch {
      throw EmulationError(
        "hesp emulate cannot create network namespaces here (\(error.description))")
    }
  }

  /// Why emulation cannot run here, or nil when it can (tests skip with this reason).
  public static var unavailableReason: String? {
    do { try check() } catch { return error.description }
    return nil
  }
}
