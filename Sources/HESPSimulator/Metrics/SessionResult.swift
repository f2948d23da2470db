import HESPCore

/// Everything a session measured: Sabre's summary metrics (same names and definitions), the
/// startup time, the per-switch records, and whether the session reached its time limit.
/// Times are in ms, bitrates in kbit/s.
public struct SessionResult: Sendable, Equatable, Codable {
  public var bufferSizeMs: Double
  public var segmentDurationMs: Double
  public var segmentCount: Int
  public var totalPlayedUtility: Double
  public var totalPlayedBitrateKbps: Double
  public var totalPlayTimeMs: Double
  public var totalRebufferMs: Double
  public var rebufferEvents: Int
  public var totalBitrateChangeKbps: Double
  public var totalLogBitrateChange: Double
  public var gammaP: Double
  public var overEstimateCount: Int
  public var overEstimateKbps: Double
  public var leqEstimateCount: Int
  public var leqEstimateKbps: Double
  public var estimateKbps: Double
  /// Nil when the played quality never reached the target.
  public var rampupTimeMs: Double?
  public var totalReactionTimeMs: Double
  /// Session start to the first played frame: the first segment's latency plus download; nil
  /// when the first segment never arrived.
  public var startupMs: Double?
  public var switches: [SwitchRecord]
  /// Segments downloaded and buffered.
  public var segmentsDownloaded: Int
  /// False when the simulated-time limit ended the session before the content was downloaded.
  public var completed: Bool
  /// The simulated-time limit in ms.
  public var maximumSessionMs: Double

  /// Sabre's `to_time_average`: 1 / (play time in segment durations).
  var toTimeAverage: Double { 1 / (totalPlayTimeMs / segmentDurationMs) }

  /// Time-averaged played bitrate in kbit/s (stalls and startup pull it down).
  public var timeAveragePlayedBitrateKbps: Double { totalPlayedBitrateKbps * toTimeAverage }

  /// Latency distribution of the switches that were played; nil when none was.
  public var switchLatency: LatencySummary? {
    LatencySummary(samplesMs: switches.compactMap(\.latencyMs))
  }

  /// Sabre's `rampup time` in ms: the whole content duration when never ramped up.
  public var reportedRampupTimeMs: Double {
    rampupTimeMs ?? Double(segmentCount) * segmentDurationMs
  }

  /// The summary as Sabre prints it (same names, order and formatting), followed by the lines
  /// Sabre does not print: startup time, switches, and the session limit when reached.
  public var summaryLines: [String] {
    let f = SabreFormat.f
    let tta = toTimeAverage
    var lines = [
      "buffer size: \(SabreFormat.d(bufferSizeMs))",
      "total played utility: \(f(totalPlayedUtility))",
      "time average played utility: \(f(totalPlayedUtility * tta))",
      "total played bitrate: \(f(totalPlayedBitrateKbps))",
      "time average played bitrate: \(f(totalPlayedBitrateKbps * tta))",
      "total play time: \(f(totalPlayTimeMs / 1000))",
      "total play time chunks: \(f(totalPlayTimeMs / segmentDurationMs))",
      "total rebuffer: \(f(totalRebufferMs / 1000))",
      "rebuffer ratio: \(f(totalRebufferMs / totalPlayTimeMs))",
      "time average rebuffer: \(f(totalRebufferMs / 1000 * tta))",
      "total rebuffer events: \(f(Double(rebufferEvents)))",
      "time average rebuffer events: \(f(Double(rebufferEvents) * tta))",
      "total bitrate change: \(f(totalBitrateChangeKbps))",
      "time average bitrate change: \(f(totalBitrateChangeKbps * tta))",
      "total log bitrate change: \(f(totalLogBitrateChange))",
      "time average log bitrate change: \(f(totalLogBitrateChange * tta))",
      "time average score: "
        + f(tta * (totalPlayedUtility - gammaP * totalRebufferMs / segmentDurationMs)),
    ]
    if overEstimateCount == 0 {
      lines += ["over estimate count: 0", "over estimate: 0"]
    } else {
      lines += [
        "over estimate count: \(overEstimateCount)", "over estimate: \(f(overEstimateKbps))",
      ]
    }
    if leqEstimateCount == 0 {
      lines += ["leq estimate count: 0", "leq estimate: 0"]
    } else {
      lines += ["leq estimate count: \(leqEstimateCount)", "leq estimate: \(f(leqEstimateKbps))"]
    }
    lines += [
      "estimate: \(f(estimateKbps))",
      "rampup time: \(f(reportedRampupTimeMs / 1000))",
      "total reaction time: \(f(totalReactionTimeMs / 1000))",
      "startup time: " + (startupMs.map { f($0 / 1000) } ?? "never (no segment arrived)"),
      "switches: \(switches.count)",
    ]
    if let summary = switchLatency {
      let s = SabreFormat.seconds
      lines.append(
        "switch latency: count \(summary.count) mean \(s(summary.meanMs)) p50 \(s(summary.p50Ms)) "
          + "p90 \(s(summary.p90Ms)) p99 \(s(summary.p99Ms)) max \(s(summary.maxMs)) "
          + "tm90 \(s(summary.tm90Ms))")
    }
    for record in switches {
      let s = SabreFormat.seconds
      let plays =
        record.playStartMs.map { "plays at \(s($0)) latency \(s($0 - record.decisionMs))" }
        ?? "never played"
      lines.append(
        "switch: segment \(record.segmentIndex) quality \(record.fromQuality)->\(record.toQuality) "
          + "decided at \(s(record.decisionMs)) \(plays)")
    }
    if !completed {
      lines.append(
        "session end: time limit \(f(maximumSessionMs / 1000)) s reached with "
          + "\(segmentsDownloaded) of \(segmentCount) segments downloaded (stalled "
          + "\(f(totalRebufferMs / 1000)) s)")
    }
    return lines
  }
}
