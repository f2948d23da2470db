import Foundation
import HESPABR
import HESPCore
import HESPProtocols
import HESPStudy
import HESPTestSupport
import HESPTraces
import Testing

/// The study-validity acceptance criteria on the fixture package (ladder 150-600 kbit/s):
/// stable decisions on an ample link for every protocol x ABR, no stall and no switch faster
/// than the round trip on a constant sustainable link, and statistics a reviewer accepts.
@Suite struct StudyValidityTests {
  static let allABRs: [StudyABR] =
    ABRChoice.names.compactMap { StudyABR(name: $0) } + [.instantSwitch]

  /// Links 12-20x the top rung (the 15-25 Mbit/s over a 1.2 Mbit/s ladder), seeded,
  /// with different period lengths and latencies.
  static func ampleTraces() -> [NamedTrace] {
    var generator = SplitMix64(seed: 42)
    return [(500.0, 20.0), (1_000, 60), (3_000, 150)].enumerated().map { index, shape in
      let periods = (0..<Int(120_000 / shape.0)).map { _ in
        NetworkTrace.Period(
          durationMs: shape.0, bandwidthKbps: 7_200 + Double(generator.next(below: 4_800)),
          latencyMs: shape.1)
      }
      return NamedTrace(name: "ample-\(index)", trace: NetworkTrace(periods: periods))
    }
  }

  static func run(
    traces: [NamedTrace], protocols: [StreamingProtocol], live: Bool, in scratch: TemporaryDirectory
  )
    async throws -> StudyOutcome
  {
    var options = ProtocolOptions()
    options.live = live
    options.contentDurationMs = 60_000
    let plan = try StudyPlan(
      title: "validity", packages: try StudyPackages.load(package: StudyFixture.package),
      traces: traces,
      protocols: protocols, abrs: allABRs, options: options)
    return try await Study.run(plan, writingInto: scratch.file(live ? "live" : "vod"))
  }

  @Test(arguments: [false, true])
  func everyABRSettlesOnAnAmpleLinkWithEveryProtocol(live: Bool) async throws {
    let scratch = try TemporaryDirectory(prefix: "study-ample")
    let outcome = try await Self.run(
      traces: Self.ampleTraces(), protocols: StreamingProtocol.allCases, live: live, in: scratch)
    #expect(outcome.sessions.count == 3 * 4 * Self.allABRs.count)
    for result in outcome.sessions {
      let minutes = max(1, result.sessionMs / 60_000)
      #expect(
        Double(result.switches.count) <= 6 * minutes,
        "\(result.protocolName) \(result.abrName) \(result.traceName): \(result.switches.count) switches"
      )
      #expect(result.completed)
    }
  }

  /// A constant link 10x the top rung with 200 ms to the first byte: HESP never stalls, VoD or
  /// live, whatever the ABR, and no switch is faster than that round trip.
  @Test(arguments: [false, true])
  func hespNeverStallsOnAConstantSustainableLinkWhateverTheRoundTrip(live: Bool) async throws {
    let scratch = try TemporaryDirectory(prefix: "study-constant")
    let link = NamedTrace(
      name: "constant",
      trace: NetworkTrace(periods: [
        .init(durationMs: 600_000, bandwidthKbps: 6_000, latencyMs: 200)
      ]))
    let outcome = try await Self.run(traces: [link], protocols: [.hesp], live: live, in: scratch)
    for result in outcome.sessions {
      #expect(result.rebufferMs == 0, "\(result.abrName): \(result.rebufferMs) ms")
      for latency in result.switchLatenciesMs {
        #expect(latency >= 200, "\(result.abrName): \(latency) ms")
      }
      #expect(try #require(result.startupMs) >= 400, "two round trips before playback can continue")
    }
  }

  /// summary.json carries the interval next to the p50, for every row with switches on two or
  /// more traces (here every row), around the p50.
  @Test func theSummaryCarriesAConfidenceIntervalNextToEveryP50() async throws {
    let scratch = try TemporaryDirectory(prefix: "study-ci")
    let output = try await StudyFixture.run(live: false, in: scratch)
    let data = try Data(contentsOf: output.appendingPathComponent("summary.json"))
    let summary = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let rows = try #require(summary["byABR"] as? [[String: Any]])
    #expect(rows.count == StudyFixture.protocols.count * StudyFixture.abrs.count)
    #expect(summary["pooled"] == nil)
    for row in rows {
      let latency = try #require(row["switchLatency"] as? [String: Any])
      let p50 = try #require(latency["p50Ms"] as? Double)
      let interval = try #require(latency["p50CI95Ms"] as? [Double])
      #expect(interval.count == 2 && interval[0] <= p50 + 1e-6 && p50 <= interval[1] + 1e-6)
      #expect(latency["sessionMedianP50Ms"] is Double)
    }
  }

  /// A session that never shows a frame (no bandwidth at all) is incomplete, stalls throughout,
  /// and does not lower the played-bitrate mean of the others.
  @Test func aSessionThatNeverPlaysIsFlaggedIncomplete() async throws {
    let scratch = try TemporaryDirectory(prefix: "study-dead")
    let dead = NamedTrace(
      name: "dead",
      trace: NetworkTrace(periods: [.init(durationMs: 1_000, bandwidthKbps: 0, latencyMs: 50)]))
    let alive = NamedTrace(
      name: "alive",
      trace: NetworkTrace(periods: [.init(durationMs: 1_000, bandwidthKbps: 5_000, latencyMs: 50)]))
    var options = ProtocolOptions()
    options.contentDurationMs = 10_000
    let plan = try StudyPlan(
      title: "dead", packages: try StudyPackages.load(package: StudyFixture.package),
      traces: [dead, alive],
      protocols: [.hesp], abrs: [.classic(.throughput)], options: options)
    let outcome = try await Study.run(plan, writingInto: scratch.file("out"))
    let row = try #require(outcome.rows.first)
    #expect(row.incompleteSessions == 1)
    #expect(outcome.sessions.first { $0.traceName == "dead" }?.completed == false)
    #expect(try #require(row.stallRatio) > 0.5)
    #expect(try #require(row.meanBitrateKbps) > 100)
    #expect(outcome.notes.contains { $0.hasPrefix("1 incomplete sessions") })
  }
}
