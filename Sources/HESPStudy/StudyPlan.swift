import Foundation
import HESPABR
import HESPCore
import HESPProtocols
import HESPTraces

/// Everything one study run needs, loaded and validated: the variants (packages x link
/// overrides) with the content each protocol replays, the traces, the protocols, the ABRs, the
/// session options and the timelines switch. Sessions are the cross product, in the order
/// variant, trace, protocol, ABR (`jobs`).
public struct StudyPlan: Sendable {
  public var title: String
  public var variants: [StudyVariant]
  public var traces: [NamedTrace]
  public var protocols: [StreamingProtocol]
  public var abrs: [StudyABR]
  public var options: ProtocolOptions
  /// Write `timelines/*.svg`, one per session.
  public var writeTimelines: Bool
  /// The confidence intervals' bootstrap (seed and resample count are written in summary.json).
  public var bootstrap = ClusterBootstrap()

  /// One package, the traces' own latencies.
  public init(
    title: String, packages: StudyPackages, traces: [NamedTrace], protocols: [StreamingProtocol],
    abrs: [StudyABR],
    options: ProtocolOptions, writeTimelines: Bool = false
  ) throws(ProtocolInputError) {
    try self.init(
      title: title, sweep: [packages], rttsMs: [], variations: [], traces: traces,
      protocols: protocols, abrs: abrs,
      options: options, writeTimelines: writeTimelines)
  }

  /// A sweep: every package (with its baseline) x every RTT override (none: the traces' own) x
  /// every value of every swept setting. Validates the options against the content and every
  /// trace against the frame interval.
  /// - Throws: `ProtocolInputError` naming the option, package or trace.
  public init(
    title: String, sweep packages: [StudyPackages], rttsMs: [Double],
    variations: [StudyVariation] = [],
    traces: [NamedTrace], protocols: [StreamingProtocol], abrs: [StudyABR],
    options: ProtocolOptions,
    writeTimelines: Bool = false
  ) throws(ProtocolInputError) {
    guard !traces.isEmpty else { throw ProtocolInputError("--trace: no trace given") }
    guard !packages.isEmpty else { throw ProtocolInputError("--package: no package given") }
    guard !protocols.isEmpty else { throw ProtocolInputError("--protocol: no protocol given") }
    guard !abrs.isEmpty else { throw ProtocolInputError("--abr: no ABR given") }
    for rtt in rttsMs where !(rtt.isFinite && rtt >= 0 && rtt <= TraceLimits.maximumLatencyMs) {
      throw ProtocolInputError(
        "--rtt-ms: \(rtt) ms is outside 0...\(StudyFormat.number(TraceLimits.maximumLatencyMs, decimals: 0)) ms"
      )
    }
    var keys = Set<StudyVariation.Key>()
    for variation in variations where !keys.insert(variation.key).inserted {
      throw ProtocolInputError("--vary: \(variation.key.rawValue) is given twice")
    }
    // Every combination of the swept settings, the first varying slowest.
    var combinations: [[(StudyVariation, Double)]] = [[]]
    for variation in variations {
      combinations = combinations.flatMap { prefix in
        variation.values.map { prefix + [(variation, $0)] }
      }
    }
    var variants: [StudyVariant] = []
    for package in packages {
      for rtt in rttsMs.isEmpty ? [nil] : rttsMs.map(Optional.some) {
        for settings in combinations {
          variants.append(
            try StudyVariant(
              packages: package, rttMs: rtt, settings: settings, protocols: protocols,
              options: options))
        }
      }
    }
    let names = variants.map(\.name)
    if let twice = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
      throw ProtocolInputError("--package: '\(twice)' is given twice")
    }
    for variant in variants {
      for value in variant.sizesByProtocol.values {
        try variant.options.validate(frameMs: value.content.frameMs)
      }
      for abr in abrs {
        for proto in protocols {
          if let problem = variant.sizesByProtocol[proto].flatMap({
            abr.problem(qualityCount: $0.content.trackCount)
          }) {
            throw ProtocolInputError("--abr \(problem)")
          }
        }
      }
      if let content = variant.sizesByProtocol.values.first?.content {
        for trace in traces {
          try FrameSimulation.validate(trace: trace.trace, name: trace.path, content: content)
        }
      }
    }
    self.title = title
    self.variants = variants
    self.traces = traces
    self.protocols = protocols
    self.abrs = abrs
    self.options = options
    self.writeTimelines = writeTimelines
  }

  /// Number of sessions: variants x traces x protocols x ABRs.
  public var sessionCount: Int { variants.count * traces.count * protocols.count * abrs.count }

  /// `18 sessions (3 traces x 3 protocols x 2 ABRs)`, with the variants when there are several.
  public var sessionSummary: String {
    func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
    let variantPart = variants.count > 1 ? "\(count(variants.count, "variant")) x " : ""
    return "\(count(sessionCount, "session")) (\(variantPart)\(count(traces.count, "trace")) x "
      + "\(count(protocols.count, "protocol")) x \(count(abrs.count, "ABR")))"
  }

  /// The sessions in output order.
  public var jobs: [StudyJob] {
    var jobs: [StudyJob] = []
    jobs.reserveCapacity(sessionCount)
    for variant in variants.indices {
      for trace in traces.indices {
        for proto in protocols {
          for abr in abrs {
            jobs.append(
              StudyJob(
                index: jobs.count, variant: variant, trace: trace, streamingProtocol: proto,
                abr: abr))
          }
        }
      }
    }
    return jobs
  }
}

extension StudyPlan {
  /// The trace `job` replays: its trace with the variant's latency override, if any.
  public func trace(of job: StudyJob) -> NetworkTrace {
    let trace = traces[job.trace].trace
    guard let rtt = variants[job.variant].rttMs else { return trace }
    return NetworkTrace(
      periods: trace.periods.map {
        .init(durationMs: $0.durationMs, bandwidthKbps: $0.bandwidthKbps, latencyMs: rtt)
      })
  }

  /// Labels `result` as session `job`: its trace, its variant and the sizes it played.
  public func label(_ result: inout ProtocolSessionResult, as job: StudyJob) {
    let variant = variants[job.variant]
    result.traceName = traces[job.trace].name
    result.variantName = variant.name
    if let sizes = variant.sizesByProtocol[job.streamingProtocol] {
      result.sizesSource = sizes.source
    }
  }
}

/// One session of a plan: its place in the output order and what it crosses.
public struct StudyJob: Sendable, Equatable {
  public var index: Int
  public var variant: Int
  public var trace: Int
  public var streamingProtocol: StreamingProtocol
  public var abr: StudyABR
}
