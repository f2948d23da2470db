import Foundation
import HESPABR
import HESPCore
import HESPTraces
import Testing

@testable import HESPProtocols

@Suite struct ProtocolInputTests {
  @Test func anUnknownProtocolIsRejectedWithTheValidNames() {
    #expect(
      throws: ProtocolInputError(
        "--protocol: unknown protocol 'hls'; valid protocols: hesp, ll-dash, ll-hls, dash")
    ) {
      try StreamingProtocol.parseList("hesp,hls")
    }
    #expect((try? StreamingProtocol.parseList("hesp,dash,ll-hls")) == [.hesp, .dash, .llHLS])
    #expect(
      (try? StreamingProtocol.parseList(StreamingProtocol.defaultList)) == [
        .hesp, .llDASH, .llHLS, .dash,
      ])
  }

  @Test func anEmptyOrRepeatedProtocolIsRejected() {
    #expect(throws: ProtocolInputError("--protocol: empty entry in 'hesp,,dash'")) {
      try StreamingProtocol.parseList("hesp,,dash")
    }
    #expect(throws: ProtocolInputError("--protocol: 'dash' is given twice")) {
      try StreamingProtocol.parseList("dash,hesp,dash")
    }
  }

  @Test func theReplacementPolicyIsOneOfNoneUpOrAll() throws {
    #expect(try ReplacementPolicy.parse("up") == .up)
    #expect(ReplacementPolicy.up.replaces(up: true) && !ReplacementPolicy.up.replaces(up: false))
    #expect(ReplacementPolicy.all.replaces(up: false) && !ReplacementPolicy.none.replaces(up: true))
    #expect(
      throws: ProtocolInputError("--replace: unknown policy 'fast'; valid policies: none, up, all")
    ) {
      try ReplacementPolicy.parse("fast")
    }
  }

  @Test func aTargetLatencyBelowOneFrameIsRejected() {
    var options = ProtocolOptions()
    options.live = true
    options.targetLatencyMs = 50
    #expect(throws: ProtocolInputError("--target-latency: 0.05 s is below one frame (0.1 s)")) {
      try options.validate(frameMs: 100)
    }
    options.targetLatencyMs = 100
    #expect(throws: Never.self) { try options.validate(frameMs: 100) }
  }

  @Test func aTraceShorterThanOneFrameIsRejectedWithItsName() throws {
    let trace = NetworkTrace(periods: [.init(durationMs: 40, bandwidthKbps: 1000, latencyMs: 10)])
    #expect(
      throws: ProtocolInputError(
        "short.json: the trace lasts 0.04 s, shorter than one frame (0.1 s)")
    ) {
      try FrameSimulation.validate(
        trace: trace, name: "short.json", content: try Synthetic.content())
    }
  }
}
