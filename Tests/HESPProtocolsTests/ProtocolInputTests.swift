import Foundation
import HESPABR
import HESPCore
import HESPTraces
import Testing

@testable import HESPProtocols

@Suite struct ProtocolInputTests {
  @Test func anUnknownProtocolIsRejectedWithTheValidNames() {
    #expect(throws: ProtocolInputError("--protocol: unknown protocol 'hls'; valid protocols: dash, ll-hls, hesp")) {
      try StreamingProtocol.parseList("hesp,hls")
    }
    #expect((try? StreamingProtocol.parseList("hesp,dash,ll-hls")) == [.hesp, .dash, .llHLS])
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
    #expect(throws: ProtocolInputError("short.json: the trace lasts 40.0 ms, shorter than one frame (100.0 ms)")) {
      try ProtocolSimulation.validate(trace: trace, name: "short.json", content: try Synthetic.content())
    }
  }
}
