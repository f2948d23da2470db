import Foundation
import HESPCore
import HESPTestSupport

@testable import HESPReport

/// Small, hand-made report inputs shared by the golden tests.
enum ReportSamples {
  /// A 60 s session on a trace shaped like Sabre's example (5000/3000/1500 kbps), with three
  /// switches and one stall.
  static let timeline = SessionTimeline(
    title: "hesp · bola · network.json",
    durationMs: 60_000,
    bandwidth: [
      .init(startMs: 0, kbps: 5000), .init(startMs: 20_000, kbps: 3000),
      .init(startMs: 35_000, kbps: 1500),
      .init(startMs: 50_000, kbps: 3000),
    ],
    bitrate: [
      .init(startMs: 0, kbps: 1000), .init(startMs: 6_000, kbps: 2500),
      .init(startMs: 37_200, kbps: 1200),
      .init(startMs: 52_500, kbps: 2500),
    ],
    buffer: [
      .init(timeMs: 0, levelMs: 0), .init(timeMs: 1_200, levelMs: 2_000),
      .init(timeMs: 10_000, levelMs: 9_000),
      .init(timeMs: 20_000, levelMs: 12_000), .init(timeMs: 35_000, levelMs: 6_000),
      .init(timeMs: 40_000, levelMs: 0),
      .init(timeMs: 41_500, levelMs: 0), .init(timeMs: 50_000, levelMs: 5_000),
      .init(timeMs: 60_000, levelMs: 10_000),
    ],
    switches: [
      .init(decisionMs: 5_800, displayedMs: 6_000, fromKbps: 1000, toKbps: 2500),
      .init(decisionMs: 36_000, displayedMs: 37_200, fromKbps: 2500, toKbps: 1200),
      .init(decisionMs: 52_000, displayedMs: 52_500, fromKbps: 1200, toKbps: 2500),
    ],
    stalls: [.init(startMs: 40_000, endMs: 41_500)]
  )

  /// Switch latencies of three protocols (ms), spread over three decades.
  static let distributions = [
    LatencyDistribution(name: "hesp", samplesMs: [42, 45, 48, 51, 55, 60, 66, 75, 90, 130]),
    LatencyDistribution(
      name: "ll-hls", samplesMs: [180, 260, 310, 420, 500, 520, 610, 700, 880, 1100]),
    LatencyDistribution(
      name: "dash", samplesMs: [900, 1400, 1650, 2000, 2100, 2600, 3100, 3900, 4200, 5800]),
  ]

  static func row(
    _ name: String, sessions: Int, startupMs: [Double], rebufferMs: Double, bitrateKbps: Double
  )
    -> ReportPage.ProtocolRow
  {
    let samples = distributions.first { $0.name == name }?.samplesMs ?? []
    return ReportPage.ProtocolRow(
      protocolName: name, sessionCount: sessions, switchLatency: LatencySummary(samplesMs: samples),
      startupMs: LatencySummary(samplesMs: startupMs), meanRebufferMs: rebufferMs,
      meanBitrateKbps: bitrateKbps)
  }

  static let page = ReportPage(
    title: "Switch latency study: bbb_opening_720p24_cuts <live, 1 s target>",
    notes: [
      "Traces: sabre/4Glogs (6), sabre/3Glogs (2); ABR: bola.",
      "Sizes: hesp from frame-index.json; dash & ll-hls from the baseline ladder (GOP = 2 s / 0.5 s).",
    ],
    rows: [
      row("hesp", sessions: 8, startupMs: [310, 350, 420], rebufferMs: 120, bitrateKbps: 2480.4),
      row(
        "ll-hls", sessions: 8, startupMs: [900, 1100, 1200], rebufferMs: 640.25, bitrateKbps: 2301),
      row("dash", sessions: 8, startupMs: [2100, 2500, 3300], rebufferMs: 1810, bitrateKbps: 2150),
      ReportPage.ProtocolRow(
        protocolName: "dash-fixed", sessionCount: 0, switchLatency: nil, startupMs: nil,
        meanRebufferMs: nil,
        meanBitrateKbps: nil),
    ],
    figures: [
      .init(caption: "Switch latency CDF (log scale)", content: .file("cdf-log.svg")),
      .init(caption: "Timeline: hesp · bola · network.json", content: .file("timeline.svg")),
    ],
    links: [
      .init(label: "results.csv (one row per trace × protocol × ABR)", href: "results.csv"),
      .init(label: "results.json", href: "results.json"),
    ]
  )
}

/// Compares `actual` with `Fixtures/Golden/report/<name>` (`HESPTestSupport.GoldenFile`;
/// `HESP_UPDATE_GOLDEN=1` rewrites it).
enum Golden {
  static func expected(_ name: String, actual: String) throws -> String {
    try GoldenFile.expected("report/" + name, actual: actual)
  }
}
