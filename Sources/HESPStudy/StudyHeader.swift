import Foundation
import HESPABR
import HESPCore
import HESPProtocols
import HESPTraces

/// Everything a study's outputs depend on besides its sessions, and the identity of the study:
/// the settings, the traces and packages (by name and content fingerprint), the variants, the
/// protocols and ABRs. Written by every shard (`shard.json`); shards merge only when their
/// headers are equal, and `hesp study merge` needs nothing else (no package, no trace).
public struct StudyHeader: Sendable, Equatable, Codable {
  public struct Variant: Sendable, Equatable, Codable {
    public var name: String
    public var rttMs: Double?
    /// Swept settings (`gamma-p=5`).
    public var settings: [String]
    public var packageFingerprint: String
    /// `hesp sizes: HESP package ...`, one per protocol.
    public var sizeNotes: [String]
  }

  public struct Trace: Sendable, Equatable, Codable {
    public var name: String
    public var fingerprint: String
  }

  public var title: String
  public var options: ProtocolOptions
  public var protocols: [String]
  public var abrs: [String]
  public var traces: [Trace]
  public var variants: [Variant]
  public var writeTimelines: Bool
  public var bootstrap: ClusterBootstrap
  public var sessionCount: Int

  public init(plan: StudyPlan) {
    title = plan.title
    options = plan.options
    protocols = plan.protocols.map(\.rawValue)
    abrs = plan.abrs.map(\.description)
    traces = plan.traces.map { Trace(name: $0.name, fingerprint: Fingerprint.of($0.trace)) }
    variants = plan.variants.map { variant in
      Variant(
        name: variant.name, rttMs: variant.rttMs, settings: variant.settings,
        packageFingerprint: variant.packageFingerprint,
        sizeNotes: plan.protocols.compactMap { proto in
          variant.sizesByProtocol[proto].map { "\(proto.rawValue) sizes: \($0.source)" }
        })
    }
    writeTimelines = plan.writeTimelines
    bootstrap = plan.bootstrap
    sessionCount = plan.sessionCount
  }

  /// What makes `other` a different study (the first difference found), or nil when it is the
  /// same study: `session options differ (live, targetLatencyMs)`, `traces differ`, ...
  public func difference(from other: StudyHeader) -> String? {
    if options != other.options {
      return
        "session options differ (\(Self.differingKeys(options, other.options).joined(separator: ", ")))"
    }
    if protocols != other.protocols {
      return
        "protocols differ (\(protocols.joined(separator: ",")) vs \(other.protocols.joined(separator: ",")))"
    }
    if abrs != other.abrs {
      return "ABRs differ (\(abrs.joined(separator: ",")) vs \(other.abrs.joined(separator: ",")))"
    }
    if traces.map(\.name) != other.traces.map(\.name) {
      return "traces differ (their names or number)"
    }
    if let index = traces.indices.first(where: { traces[$0] != other.traces[$0] }) {
      return "trace \(traces[index].name) differs (its content)"
    }
    if variants.map(\.name) != other.variants.map(\.name) {
      return "packages or RTTs differ (the variants)"
    }
    if let index = variants.indices.first(where: { variants[$0] != other.variants[$0] }) {
      return "the package of variant \(variants[index].name) differs (its frame index)"
    }
    if writeTimelines != other.writeTimelines { return "--timelines differs" }
    if bootstrap != other.bootstrap { return "the bootstrap differs" }
    if title != other.title { return "the title differs" }
    if sessionCount != other.sessionCount { return "the session count differs" }
    return nil
  }

  /// The names of the fields two values encode differently.
  static func differingKeys<T: Encodable>(_ a: T, _ b: T) -> [String] {
    let encoder = CanonicalJSON.encoder(pretty: false)
    func fields(_ value: T) -> [String: String] {
      guard let data = try? encoder.encode(value),
        let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
      else { return [:] }
      return object.mapValues { "\($0)" }
    }
    let (x, y) = (fields(a), fields(b))
    return Set(x.keys).union(y.keys).filter { x[$0] != y[$0] }.sorted()
  }

  /// Every variant's size notes, prefixed with the variant's name when there are several.
  public var sizeNotes: [String] {
    variants.flatMap { variant in
      variant.sizeNotes.map { variants.count > 1 ? "\(variant.name): \($0)" : $0 }
    }
  }
}
