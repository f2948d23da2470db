import Foundation
import HESPABR
import HESPPlayer
import HESPProtocols
import HESPStudy
import Testing

/// `hesp play` against `hesp serve` on loopback: real sockets, the wall clock, the simulator's
/// decisions. Sessions are 2 s of content (4 s for the forced switches; the 0.4 s fixture clip looped).
@Suite(.serialized) struct PlayerTests {
  static func options(port: Int, _ proto: StreamingProtocol, abr: StudyABR = .classic(.throughput))
    -> PlayerOptions
  {
    var options = PlayerOptions(url: "http://127.0.0.1:\(port)/flower/manifest.json")
    options.streamingProtocol = proto
    options.abr = abr
    options.options.contentDurationMs = 2_000
    return options
  }

  /// Plays with an ABR that asks for the top rung from its first decision on, whatever it
  /// measures (a loaded machine's loopback can look slow), so a switch is forced; a 0.6 s buffer
  /// keeps frames left to fetch, so the switch has a frame to happen at even when a busy machine
  /// makes the session slow (with everything fetched, only a replacement could still switch).
  static func playSwitchingUp(port: Int, _ proto: StreamingProtocol) async throws -> PlayOutcome {
    var options = Self.options(port: port, proto)
    options.options.bufferSizeMs = 600
    // 4 s of content: room for the switch frame even when a loaded machine (the full parallel
    // suite) makes the measured round trips long and the core picks its switch frame far ahead.
    options.options.contentDurationMs = 4_000
    return try await Player.play(options) { content, options in
      ProtocolCore(
        content: content, streamingProtocol: options.streamingProtocol,
        algorithm: SwitchUpRule(afterDecisions: 0),
        options: options.options)
    }
  }

  /// A forced up-switch goes through an init packet and a Range continuation, and the session
  /// plays every frame of the content.
  @Test func aHESPSessionPlaysEveryFrameAndSwitchesUpThroughAnInitPacket() async throws {
    let outcome = try await PlayServer.with { port in
      try await Self.playSwitchingUp(port: port, .hesp)
    }
    let r = outcome.result
    #expect(outcome.failure == nil)
    #expect(r.completed)
    #expect(r.protocolName == "hesp")
    #expect(r.framesPlayed == 120)
    #expect(try #require(r.startupMs) > 0)
    #expect(r.switches.contains { $0.isUp && $0.initPacketByteCount > 0 })
    #expect(r.switchLatenciesMs.allSatisfy { $0 > 0 })
    #expect(r.initPacketByteCount > 0)
    let kinds = Set(outcome.requests.map(\.kind))
    #expect(kinds.isSuperset(of: ["manifest", "frame-index", "init", "continuation"]))
    // The continuation after an init packet is a Range request from its initdata offset.
    let ranged = outcome.requests.filter { $0.kind == "continuation" && $0.range != nil }
    #expect(!ranged.isEmpty)
    #expect(ranged.allSatisfy { $0.status == 206 && $0.range!.hasSuffix("-9007199254740991") })
    // Every answered request knows its connection; the first one opened it.
    #expect(outcome.requests.filter { $0.status != 0 }.allSatisfy { $0.newConnection != nil })
    #expect(outcome.requests.first?.newConnection == true)
  }

  @Test func aDASHSessionFetchesBaselineSegmentsAndSwitchesAtAKeyframe() async throws {
    let outcome = try await PlayServer.with { port in
      try await Self.playSwitchingUp(port: port, .dash)
    }
    let r = outcome.result
    #expect(outcome.failure == nil)
    #expect(r.completed)
    #expect(r.framesPlayed == 120)
    #expect(r.switches.contains { $0.isUp })
    #expect(r.initPacketByteCount == 0)
    let segments = outcome.requests.filter { $0.kind == "segment" }
    #expect(!segments.isEmpty)
    #expect(segments.allSatisfy { $0.path.contains("/flower/baseline/") && $0.status == 200 })
    #expect(r.sizesSource.contains("baseline"))
  }

  /// The player decides nothing itself: the measurements it fed its core, replayed into a fresh
  /// core built by the simulator's own factory, give the same actions and the same result.
  @Test(arguments: [StreamingProtocol.hesp, .dash])
  func replayingAPlaySessionsMeasurementsIntoTheSimulatorsCoreGivesTheSameDecisions(
    _ proto: StreamingProtocol
  )
    async throws
  {
    let outcome = try await PlayServer.with { port in
      try await Player.play(Self.options(port: port, proto))
    }
    // The player records its decisions (decisions.csv): the replay does too, and must record
    // the same ones with the same inputs.
    var options = Self.options(port: 0, proto).options
    options.recordsDecisions = true
    var fresh = FrameSimulation.makeDecisions(
      content: outcome.content, streamingProtocol: proto, abr: .classic(.throughput),
      options: options)
    let replay = outcome.decisions.replay(into: &fresh)
    #expect(replay.actions == outcome.decisions.actions)
    #expect(replay.actions.count > 10)
    var replayed = try #require(replay.result)
    replayed.abrName = outcome.result.abrName
    replayed.traceName = outcome.result.traceName
    replayed.variantName = outcome.result.variantName
    replayed.sizesSource = outcome.result.sizesSource
    #expect(replayed == outcome.result)
    #expect((replayed.decisions ?? []).count >= 2)
  }

  /// The session row has the study's columns and metric definitions.
  @Test func theSessionRowHasTheStudysColumns() async throws {
    let outcome = try await PlayServer.with { port in
      try await Player.play(Self.options(port: port, .hesp, abr: .classic(.fixed(0))))
    }
    let row = SessionFiles.sessionRow(outcome.result)
    let header = SessionFiles.sessionsHeader
    #expect(row.split(separator: ",").count == header.split(separator: ",").count)
    #expect(row.hasPrefix("flower,network,hesp,fixed:0,false,true,"))
    #expect(outcome.result.switches.isEmpty)
  }

  @Test func aSessionWithTheSimulatorsThroughputRuleCompletes() async throws {
    let outcome = try await PlayServer.with { port in
      try await Player.play(Self.options(port: port, .hesp))
    }
    #expect(outcome.failure == nil)
    #expect(outcome.result.completed)
    #expect(outcome.result.framesPlayed == 60)
    #expect(outcome.result.abrName == "throughput")
  }

  @Test func aRefusedConnectionIsAOneLineError() async throws {
    // A port nothing listens on: bind one, note it, close it.
    let port = try await PlayServer.with { port in port }
    let error = await #expect(throws: PlayerError.self) {
      try await Player.play(PlayerOptions(url: "http://127.0.0.1:\(port)/flower/manifest.json"))
    }
    let text = try #require(error).description
    #expect(text.contains("connection refused"), "\(text)")
    #expect(!text.contains("\n"))
  }

  @Test func aMissingManifestIsAOneLineError() async throws {
    let error = await #expect(throws: PlayerError.self) {
      try await PlayServer.with { port in
        try await Player.play(PlayerOptions(url: "http://127.0.0.1:\(port)/nope/"))
      }
    }
    let text = try #require(error).description
    #expect(text.contains("/nope/manifest.json: HTTP 404"), "\(text)")
  }

  @Test func aURLThatIsNotHTTPIsRefused() async throws {
    await #expect(throws: PlayerError("ftp://x/y.json: not an http:// URL")) {
      try await Player.play(PlayerOptions(url: "ftp://x/y.json"))
    }
  }
}

/// Quality 0 for the first `afterDecisions` decisions, then the top rung for good: a switch that
/// does not depend on what the player measures.
struct SwitchUpRule: ABRAlgorithm {
  var afterDecisions: Int
  struct State: Sendable { var decisions = 0 }
  var initialState: State { State() }

  func decide(_ context: DecisionContext, state: inout State) -> Decision {
    state.decisions += 1
    return Decision(
      quality: state.decisions > afterDecisions ? context.ladder.bitratesKbps.count - 1 : 0)
  }
}
