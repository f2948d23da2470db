import Foundation
import HESPTestSupport
import Testing

/// `hesp play` against `hesp live --serve`: it joins the live stream where its decisions say
/// (`now` minus the target latency), reads the held-open continuation chunk by chunk, and
/// reports the live latency measured from each chunk's `prft`.
@Suite(.serialized) struct PlayLiveTests {
  @Test func itJoinsALiveStreamFollowsItsEdgeAndReportsTheMeasuredLatency() throws {
    let live = try ServerProcess.live([
      "lavfi:testsrc2=size=320x180:rate=30", "--ladder", "180p@300k,90p@100k",
      "--segment-duration", "1", "--gop", "1", "--duration", "14",
    ])
    let url = "http://127.0.0.1:\(live.port)/live/manifest.json"
    let result = try Command.hesp().run([
      "play", url, "--duration", "4", "--target-latency", "0.5", "--json",
    ])
    #expect(result.status == 0, "\(result.standardError) hesp live: \(live.errorText)")
    let outcome = try #require(
      try JSONSerialization.jsonObject(with: result.standardOutput) as? [String: Any])
    let session = try #require(outcome["session"] as? [String: Any])
    #expect(session["live"] as? Bool == true)
    #expect(session["completed"] as? Bool == true)
    // From the join (0.5 s behind the newest frame at the start) to 4 s after that frame.
    let played = try #require(session["framesPlayed"] as? Int)
    #expect(played >= 130 && played <= 140, "\(session)")
    let report = try #require(outcome["live"] as? [String: Any])
    let first = try #require(report["firstStreamFrame"] as? Int)
    #expect(first >= 0)
    #expect((report["framesMeasured"] as? Int ?? 0) >= 100, "\(report)")
    // Capture to arrival on loopback: a frame's chunk comes a few ms after its encode.
    let arrival = try #require(report["captureToArrivalMs"] as? [String: Any])
    let arrivalP50 = try #require(arrival["p50Ms"] as? Double)
    #expect(arrivalP50 > 0 && arrivalP50 < 300, "\(arrival)")
    // Display latency near the 0.5 s target (the model's and the measured clock agree to
    // about a frame on one machine).
    let latency = try #require(session["liveLatency"] as? [String: Any])
    let latencyP50 = try #require(latency["p50Ms"] as? Double)
    #expect(latencyP50 > 300 && latencyP50 < 1_200, "\(latency)")
    let offset = try #require(report["modelOffsetMs"] as? Double)
    #expect(abs(offset) < 200, "model vs prft capture times: \(offset) ms")
    // The join: an init packet by its stream number, then the held-open continuation.
    let requests = try #require(outcome["requests"] as? [[String: Any]])
    let inits = requests.filter { $0["kind"] as? String == "init" }
    #expect(!inits.isEmpty)
    let joined = try #require(inits.first?["path"] as? String)
    let number = try #require(
      Int(joined.split(separator: "/").last!.dropFirst("init-".count).dropLast(".m4s".count)))
    #expect(number >= first && number < first + 200, "\(joined), first frame \(first)")
    #expect(
      requests.contains {
        $0["kind"] as? String == "continuation"
          && ($0["range"] as? String)?.hasPrefix("bytes=")
            == true
      })
    #expect(live.waitForExit(seconds: 20) == 0, "\(live.errorText)")
  }

  @Test func aProtocolOtherThanHespIsAOneLineUsageErrorForALiveStream() throws {
    let live = try ServerProcess.live([
      "lavfi:testsrc2=size=160x90:rate=30", "--ladder", "90p@100k", "--duration", "5",
    ])
    let result = try Command.hesp().run([
      "play", "http://127.0.0.1:\(live.port)/live/manifest.json", "--protocol", "dash",
    ])
    #expect(result.status == 64)
    #expect(
      result.standardError
        == "hesp play: error: --protocol: a live stream is played with hesp (the live server has no baseline ladder)\n"
    )
  }
}
