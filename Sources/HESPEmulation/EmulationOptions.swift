import Foundation
import HESPTraces

/// How `hesp emulate` runs its sessions, beyond the study plan.
public struct EmulationOptions: Sendable {
  /// The folders `hesp serve` serves for one HESP package (by `StudyPackage.name`).
  public struct PackageFolders: Sendable, Equatable {
    public var hesp: String
    public var baseline: String?

    public init(hesp: String, baseline: String? = nil) {
      self.hesp = hesp
      self.baseline = baseline
    }
  }

  /// What carries the requests (and TCP's ACKs) from the player to the server.
  public enum Uplink: String, Sendable, CaseIterable {
    /// The same one-way delay as the downlink, no rate limit: the simulator charges nothing for
    /// a request but its round trip.
    case fast
    /// The same trace as the downlink (rate and delay).
    case trace
  }

  /// The `hesp` executable that serves (`hesp serve`) and plays (`hesp play`).
  public var executable: URL
  /// A program run instead of `hesp` for the player, with the same arguments (`play URL ...`):
  /// a stand-in for tests (the `HESP_EMULATE_PLAYER` environment variable of the CLI).
  public var playerExecutable: URL?
  /// By package name (`StudyVariant.packageName`).
  public var packages: [String: PackageFolders]
  public var uplink: Uplink = .fast
  public var queueLimitBytes = LinkDirection.defaultQueueLimitBytes
  /// Per trace (index in the plan): the capacity to replay instead of the trace's periods, e.g. a
  /// Mahimahi file's own delivery opportunities (`LinkCapacity.mahimahi(text:)`).
  public var capacities: [Int: LinkCapacity] = [:]
  /// TCP congestion control in both namespaces; nil keeps the system's default.
  public var congestionControl: String?
  /// The port `hesp serve` listens on in the server namespace.
  public var port = 8080
  /// How long `hesp serve` may take to print its URL.
  public var serverStartSeconds = 120.0

  public init(executable: URL, packages: [String: PackageFolders]) {
    self.executable = executable
    self.packages = packages
  }

  /// The capacities of the traces in `paths` order that are Mahimahi files (read again for their
  /// timestamps), for `capacities`. Traces read with a bandwidth scale keep their periods.
  public static func mahimahiCapacities(of traces: [NamedTrace], options: TraceImportOptions)
    -> [Int: LinkCapacity]
  {
    guard options.bandwidthScale == 1 else { return [:] }
    var capacities: [Int: LinkCapacity] = [:]
    for (index, trace) in traces.enumerated() {
      guard let data = FileManager.default.contents(atPath: trace.path) else { continue }
      let text = String(decoding: data, as: UTF8.self)
      guard TraceFormat.detect(text) == .mahimahi, let capacity = LinkCapacity.mahimahi(text: text)
      else { continue }
      capacities[index] = capacity
    }
    return capacities
  }
}
