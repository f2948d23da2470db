import HESPEmulation
import Testing

/// The tests that build real namespaces, TUN devices and links (root, `ip`, /dev/net/tun; CI has
/// them; elsewhere they are skipped with the reason). Their suites nest here so they run one at a
/// time: a test counts its process's namespaces and times packets, and another test's link
/// running beside it would change both.
@Suite(
  .serialized,
  .enabled(
    if: EmulationRequirements.unavailableReason == nil,
    "\(EmulationRequirements.unavailableReason ?? "")"))
enum RealLinkTests {}
