import Foundation
import HESPTestSupport
import Testing

/// `hesp live` end to end on a tiny lavfi source over real sockets: the live manifest,
/// `init-now`, the held-open continuation fed one chunk per frame (each after a `prft`),
/// `/stats`, a clean exit at `--duration`, the growing files of `-o`, and one-line errors.
@Suite(.serialized) struct LiveCommandTests {
  static let source = "lavfi:testsrc2=size=320x180:rate=30"
  static let ladder = ["--ladder", "180p@300k,90p@100k"]
  static let segmentFrames = 30

  @Test func aPlayerJoinsAtNowAndReadsTheHeldOpenContinuationOneChunkPerFrameWithPrft() throws {
    let live = try ServerProcess.live(
      [Self.source] + Self.ladder + ["--duration", "4", "--segment-duration", "1"])
    let manifestExchange = try LiveExchange.get(port: live.port, "/live/manifest.json")
    #expect(manifestExchange.status == 200)
    #expect(manifestExchange.headers["content-type"] == "application/vnd.theo.hesp+json")
    let manifest = try #require(
      try JSONSerialization.jsonObject(with: Data(manifestExchange.body)) as? [String: Any])
    #expect(manifest["streamType"] as? String == "live")
    #expect(manifest["activePresentation"] as? String == "0")
    #expect(manifest["currentTime"] != nil)
    #expect((manifest["timeSource"] as? [String: String])?["value"] == "/time")

    let packet = try LiveExchange.get(port: live.port, "/live/video/180p/init-now.m4s")
    #expect(packet.status == 200)
    let location = try #require(packet.headers["content-location"])
    let joined = try #require(Int(location.dropFirst("init-".count).dropLast(".m4s".count)))
    let (index, offset) = try #require(packet.initData())
    #expect(packet.boxes.map(\.type) == ["ftyp", "moov", "emsg", "moof", "mdat"])

    // The segment being produced: 206 at once, chunked, held open until the segment ends.
    let first = try LiveExchange.get(
      port: live.port, "/live/video/180p/content-\(index).m4s",
      headers: ["Range": "bytes=\(offset)-9007199254740991"])
    #expect(first.status == 206)
    #expect(first.headers["transfer-encoding"] == "chunked")
    #expect(first.headers["content-range"]?.hasPrefix("bytes \(offset)-") == true)
    let expected = (index + 1) * Self.segmentFrames - max(joined + 1, index * Self.segmentFrames)
    try Self.expectChunks(first, count: expected, startsSegment: offset == 24)

    // The next one: 200, the whole segment, one chunk per frame as each is encoded.
    let next = try LiveExchange.get(port: live.port, "/live/video/180p/content-\(index + 1).m4s")
    #expect(next.status == 200)
    try Self.expectChunks(next, count: Self.segmentFrames, startsSegment: true)
    let spread = try #require(next.boxes.last?.arrival) - (try #require(next.boxes.first?.arrival))
    #expect(
      spread > 0.5,
      "the chunks of a segment arrive as they are encoded, over about a second: \(spread) s")

    let stats = try LiveExchange.get(port: live.port, "/stats")
    let counters = try #require(
      try JSONSerialization.jsonObject(with: Data(stats.body)) as? [String: Any])
    #expect(counters["framesDropped"] as? Int == 0)
    #expect((counters["framesEncoded"] as? Int ?? 0) > Self.segmentFrames)
    #expect((counters["captureToAvailableMs"] as? [String: Any])?.keys.sorted() == ["180p", "90p"])
    #expect(try LiveExchange.get(port: live.port, "/live/video/180p/content-99.m4s").status == 404)
    #expect(live.waitForExit(seconds: 15) == 0, "\(live.errorText)")
    #expect(live.errorText.contains(" 0 dropped"), "\(live.errorText)")
  }

  @Test func sigintEndsTheStreamCleanlyOpenContinuationsGetTheirLastChunkAndItExits0() throws {
    let live = try ServerProcess.live([Self.source] + Self.ladder + ["--segment-duration", "10"])
    let packet = try LiveExchange.get(port: live.port, "/live/video/90p/init-now.m4s")
    let (index, offset) = try #require(packet.initData())
    let reading = Thread.detachedExchange(
      port: live.port, "/live/video/90p/content-\(index).m4s", range: offset)
    usleep(800_000)
    kill(live.process.processIdentifier, SIGINT)
    #expect(live.waitForExit(seconds: 10) == 0, "\(live.errorText)")
    let continuation = try #require(reading.wait(seconds: 5))
    #expect(continuation.status == 206)
    #expect(continuation.finished, "the held-open continuation ended with its last chunk")
    #expect(continuation.boxes.last?.type == "mdat")
    #expect(continuation.boxes.filter { $0.type == "mdat" }.count >= 10)
  }

  @Test func onDemandInitPacketsAreEncodedOnlyForTracksSomeoneAskedFor() throws {
    let live = try ServerProcess.live(
      [Self.source] + Self.ladder + ["--duration", "3", "--init-on-demand"])
    usleep(700_000)
    func initPackets() throws -> [String: Int] {
      let stats = try LiveExchange.get(port: live.port, "/stats")
      let tracks = try #require(
        try JSONSerialization.jsonObject(with: Data(stats.body)) as? [String: Any])["tracks"]
      return Dictionary(
        uniqueKeysWithValues: ((tracks as? [[String: Any]]) ?? []).map {
          ($0["id"] as? String ?? "", $0["initPackets"] as? Int ?? -1)
        })
    }
    #expect(try initPackets() == ["90p": 0, "180p": 0])
    let packet = try LiveExchange.get(port: live.port, "/live/video/90p/init-now.m4s")
    #expect(packet.status == 200)
    #expect(packet.initData() != nil)
    let counts = try initPackets()
    #expect((counts["90p"] ?? 0) >= 1)
    #expect(counts["180p"] == 0)
    #expect(live.waitForExit(seconds: 10) == 0, "\(live.errorText)")
  }

  @Test func aSparseInitStreamAnswersANumberWithTheLatestEarlierPacket() throws {
    let live = try ServerProcess.live(
      [Self.source] + Self.ladder + ["--duration", "2", "--init-interval", "5"])
    usleep(600_000)
    let packet = try LiveExchange.get(port: live.port, "/live/video/90p/init-7.m4s")
    #expect(packet.status == 200)
    #expect(packet.headers["content-location"] == "init-5.m4s")
    let now = try LiveExchange.get(port: live.port, "/live/video/90p/init-now.m4s")
    let location = try #require(now.headers["content-location"])
    #expect(
      Int(location.dropFirst("init-".count).dropLast(".m4s".count)).map { $0 % 5 == 0 } == true,
      "\(location)")
    #expect(live.waitForExit(seconds: 10) == 0, "\(live.errorText)")
  }

  @Test func aPortInUseIsOneLineAndExit1() throws {
    let first = try ServerProcess.live([Self.source] + Self.ladder + ["--duration", "20"])
    let second = try Command.hesp().run(
      ["live", Self.source, "--serve", "--port", String(first.port), "--duration", "5"]
        + Self.ladder)
    #expect(second.status == 1)
    let errors = second.standardError.split(separator: "\n").filter { $0.contains("error:") }
    #expect(
      errors == [
        "hesp live: error: 127.0.0.1:\(first.port): cannot listen (Address already in use)"
      ], "\(second.standardError)")
    kill(first.process.processIdentifier, SIGTERM)
    #expect(first.waitForExit(seconds: 10) == 0)
  }

  /// styp (when the body starts a segment), then per frame prft + moof + mdat, each chunk
  /// within a second of its capture.
  static func expectChunks(_ exchange: LiveExchange, count: Int, startsSegment: Bool) throws {
    var types = exchange.boxes.map(\.type)
    if startsSegment {
      #expect(types.first == "styp")
      types.removeFirst()
    }
    #expect(types == Array(repeating: ["prft", "moof", "mdat"], count: count).flatMap { $0 })
    for box in exchange.boxes where box.type == "prft" {
      let mdat = try #require(exchange.boxes.first { $0.start > box.start && $0.type == "mdat" })
      let latency = mdat.arrival - exchange.prftSeconds(box)
      #expect(latency > -0.01 && latency < 1, "capture to arrival \(latency) s")
    }
  }

  @Test func withOutputItWritesTheGrowingFilesAndMovesTheFolderInPlaceAtTheEnd() throws {
    let scratch = try TemporaryDirectory(prefix: "live-out")
    let output = scratch.url.appendingPathComponent("stream").path
    let result = try Command.hesp().run(
      ["live", Fixture.clip.path, "--loop", "--duration", "1.5", "-o", output] + Self.ladder)
    #expect(result.status == 0, "\(result.standardError)")
    let manifest = try #require(
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: output + "/manifest.json")))
        as? [String: Any])
    #expect(manifest["streamType"] as? String == "vod")
    let files = try FileManager.default.contentsOfDirectory(atPath: output + "/video/180p")
    #expect(
      files.contains("header.mp4") && files.contains("content-0.m4s")
        && files.contains("init-44.m4s"))
    #expect(files.filter { $0.hasPrefix("init-") }.count == 45)
    #expect(!FileManager.default.fileExists(atPath: output + ".partial"))
    // An existing output is refused (the OutputFolder rules).
    let again = try Command.hesp().run(
      ["live", Fixture.clip.path, "--duration", "1", "-o", output] + Self.ladder)
    #expect(again.status == 1)
  }

  @Test(arguments: [
    (
      ["/nonexistent/clip.mp4", "-o", "x"],
      "hesp live: error: /nonexistent/clip.mp4: cannot open (no such file)\n"
    ),
    (
      ["lavfi:nosuchfilter", "-o", "x"],
      "hesp live: error: lavfi:nosuchfilter: cannot open (no filter named 'nosuchfilter')\n"
    ),
    (
      [Fixture.media("bbb-audio-only-0.5s.m4a").path, "-o", "x"],
      "hesp live: error: \(Fixture.media("bbb-audio-only-0.5s.m4a").path): no video stream\n"
    ),
  ])
  func badInputIsOneLineAndExit1(arguments: [String], message: String) throws {
    let scratch = try TemporaryDirectory(prefix: "live-bad")
    let result = try Command.hesp().run(["live"] + arguments, in: scratch.url)
    #expect(result.status == 1)
    #expect(result.standardError == message)
  }

  @Test func anInputThatStopsBeforeDurationEndsTheStreamCleanlyAndSaysSo() throws {
    let scratch = try TemporaryDirectory(prefix: "live-stops")
    let result = try Command.hesp().run(
      [
        "live", Fixture.clip.path, "--duration", "5", "-o",
        scratch.url.appendingPathComponent("out").path,
      ] + Self.ladder)
    #expect(result.status == 1)
    #expect(
      result.standardError.hasSuffix(
        "the input stopped after 1.0 s (end of input); the stream was ended cleanly\n"),
      "\(result.standardError)")
  }

  /// A recording needs every init packet; on demand, most are never made.
  @Test func initOnDemandWithARecordingIsAUsageErrorAndWritesNothing() throws {
    let scratch = try TemporaryDirectory(prefix: "live-on-demand")
    let output = scratch.url.appendingPathComponent("out").path
    let result = try Command.hesp().run([
      "live", Self.source, "--serve", "--port", "0", "--init-on-demand", "-o", output,
    ])
    #expect(result.status == 64)
    #expect(
      result.standardError.hasPrefix(
        "hesp live: error: --init-on-demand: cannot be combined with -o: the recording would lack"),
      "\(result.standardError)")
    #expect(result.standardError.split(separator: "\n").count == 1)
    #expect(!FileManager.default.fileExists(atPath: output))
  }

  @Test func withNeitherOutputNorServeItIsAUsageError() throws {
    let result = try Command.hesp().run(["live", Self.source])
    #expect(result.status == 64)
    #expect(result.standardError.contains("--serve: give -o DIR, --serve, or both"))
  }
}
