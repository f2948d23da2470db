import Foundation

/// Any server and client over an emulated path (as Mahimahi's shells run any program): the
/// server command in the server namespace, then, once it accepts connections on `port`, the
/// client command in the client namespace, its output passed through. Used to measure the link
/// (`hesp emulate link`, `Tools/measure-emulate-link.sh`).
public enum LinkSession {
  public struct Outcome: Sendable {
    public var clientStatus: Int32
    public var statistics: EmulatedLink.Statistics
    public var congestionControl: String
  }

  /// Runs `client` (an argv, started through `ip netns exec`) against `server`.
  /// - Throws: `EmulationError` when a requirement is missing or the server never listens.
  public static func run(
    downlink: LinkDirection, uplink: LinkDirection, server: [String], client: [String], port: Int,
    congestionControl: String? = nil, serverStartSeconds: Double = 120
  ) throws -> Outcome {
    try EmulationRequirements.check()
    defer { EmulationCleanup.cleanUp(refusingMore: false) }
    let path = try EmulatedPath(
      downlink: downlink, uplink: uplink, congestionControl: congestionControl)
    defer { path.close() }
    let serverProcess = try EmulatedProcess("server", arguments: server, in: path.serverNamespace)
    defer { serverProcess.finish() }
    let deadline = Date().addingTimeInterval(serverStartSeconds)
    while !PortProbe.accepts(
      address: EmulatedPath.serverAddress, port: port, in: path.serverNamespace)
    {
      guard serverProcess.child.isRunning, Date() < deadline else {
        throw EmulationError(
          "the server did not listen on port \(port): \(serverProcess.errorTail)")
      }
      usleep(50_000)
    }
    let clientProcess = try path.clientNamespace.spawn(client)
    let clientStatus = clientProcess.wait() ?? 1
    let statistics = path.close()
    return Outcome(
      clientStatus: clientStatus, statistics: statistics, congestionControl: path.congestionControl)
  }
}
