import Foundation
import HESPABR
import HESPProtocols
import HESPStudy
import HESPTestSupport
import Testing

/// `--shard K/N` and `hesp study merge`: any split of a study, merged in any order, writes the
/// bytes the unsharded run writes; a wrong set of shards is refused with what is wrong.
@Suite struct StudyShardTests {
  static func shards(
    _ count: Int, live: Bool = false, timelines: Bool = true, in scratch: TemporaryDirectory
  ) async throws
    -> [String]
  {
    let plan = try StudyFixture.plan(live: live, timelines: timelines)
    var paths: [String] = []
    for k in 1...count {
      let directory = scratch.file("shard-\(k)")
      try await Study.run(
        plan, shard: try StudyShard(parsing: "\(k)/\(count)"), writingInto: directory)
      paths.append(directory.path)
    }
    return paths
  }

  @Test(arguments: [1, 3, 5])
  func mergedShardsWriteTheBytesOfTheUnshardedRun(count: Int) async throws {
    let scratch = try TemporaryDirectory(prefix: "study-shards")
    let whole = try await StudyFixture.run(live: true, in: scratch, name: "whole", timelines: true)
    let parts = try await Self.shards(count, live: true, in: scratch)
    let merged = scratch.file("merged")
    _ = try Study.merge(shards: parts.reversed(), writingInto: merged)
    let expected = try StudyFixture.files(in: whole)
    let actual = try StudyFixture.files(in: merged)
    #expect(actual.keys.sorted() == expected.keys.sorted())
    for (name, data) in expected { #expect(actual[name] == data, "\(name) differs") }
  }

  @Test func aShardGivenTwiceOrMissingIsRefused() async throws {
    let scratch = try TemporaryDirectory(prefix: "study-shards-bad")
    let parts = try await Self.shards(3, timelines: false, in: scratch)
    #expect(throws: ProtocolInputError("\(parts[1]): shard 2/3 is given twice (also \(parts[1]))"))
    {
      try Study.merge(
        shards: [parts[0], parts[1], parts[1], parts[2]], writingInto: scratch.file("m1"))
    }
    #expect(throws: ProtocolInputError("merge: shard 3/3 missing")) {
      try Study.merge(shards: [parts[0], parts[1]], writingInto: scratch.file("m2"))
    }
    #expect(throws: ProtocolInputError("\(scratch.url.path): not a study shard (no shard.json)")) {
      try Study.merge(shards: [scratch.url.path], writingInto: scratch.file("m3"))
    }
  }

  @Test func shardsOfDifferentStudiesAreRefusedNamingWhatDiffers() async throws {
    let scratch = try TemporaryDirectory(prefix: "study-shards-mixed")
    let vod = try await Self.shards(2, timelines: false, in: scratch)
    let live = try StudyFixture.plan(live: true)
    let other = scratch.file("live-2")
    try await Study.run(live, shard: try StudyShard(parsing: "2/2"), writingInto: other)
    #expect(
      throws: ProtocolInputError(
        "\(other.path): a shard of another study than \(vod[0]): session options differ (live)")
    ) {
      try Study.merge(shards: [vod[0], other.path], writingInto: scratch.file("m"))
    }
  }

  @Test func aShardSpecIsKOfN() throws {
    #expect(try StudyShard(parsing: "2/3") == StudyShard(parsing: "2/3"))
    #expect(try StudyShard(parsing: "2/3").owns(4))
    for bad in ["0/3", "4/3", "a/b", "3", "1/0", "-1/2"] {
      #expect(throws: ProtocolInputError.self) { try StudyShard(parsing: bad) }
    }
  }

  /// A sweep crosses packages and RTT overrides with the rest; every row names its variant.
  @Test func aSweepNamesItsVariantInEveryRow() async throws {
    let scratch = try TemporaryDirectory(prefix: "study-sweep")
    let packages = try StudyPackages.load(package: StudyFixture.package)
    let plan = try StudyPlan(
      title: "sweep", sweep: [packages], rttsMs: [20, 300],
      traces: try StudyFixture.plan(live: false).traces,
      protocols: [.hesp, .llDASH], abrs: [.classic(.throughput)],
      options: StudyFixture.options(live: false))
    #expect(plan.sessionSummary == "16 sessions (2 variants x 4 traces x 2 protocols x 1 ABR)")
    let outcome = try await Study.run(plan, writingInto: scratch.file("out"))
    #expect(
      outcome.rows.map(\.variant) == [
        "hesp rtt=20ms", "hesp rtt=20ms", "hesp rtt=300ms", "hesp rtt=300ms",
      ])
    let csv = try String(contentsOf: scratch.file("out/sessions.csv"), encoding: .utf8).split(
      separator: "\n")
    #expect(
      csv.dropFirst().allSatisfy {
        $0.hasPrefix("hesp rtt=20ms,") || $0.hasPrefix("hesp rtt=300ms,")
      })
    // A longer round trip delays every HESP join: two of them before playback can continue.
    let slow = outcome.sessions.filter {
      $0.variant == "hesp rtt=300ms" && $0.protocolName == "hesp"
    }
    #expect(slow.allSatisfy { ($0.startupMs ?? 0) >= 600 })
  }

  /// `--vary target-latency=1,3` makes two variants whose sessions really play at those targets.
  @Test func aSweptSettingReachesItsSessions() async throws {
    let scratch = try TemporaryDirectory(prefix: "study-vary")
    let plan = try StudyPlan(
      title: "vary", sweep: [try StudyPackages.load(package: StudyFixture.package)], rttsMs: [],
      variations: [try StudyVariation(parsing: "target-latency=1,3")],
      traces: try StudyFixture.plan(live: true).traces,
      protocols: [.hesp], abrs: [.classic(.throughput)], options: StudyFixture.options(live: true))
    let outcome = try await Study.run(plan, writingInto: scratch.file("out"))
    #expect(outcome.rows.map(\.variant) == ["hesp target-latency=1s", "hesp target-latency=3s"])
    let low = try #require(outcome.rows[0].liveLatency?.p50Ms)
    let high = try #require(outcome.rows[1].liveLatency?.p50Ms)
    #expect(low < 1_500 && high > 2_500)
    #expect(throws: ProtocolInputError.self) { try StudyVariation(parsing: "gamma=1") }
    #expect(throws: ProtocolInputError.self) { try StudyVariation(parsing: "mpc-horizon=3,3") }
  }
}
