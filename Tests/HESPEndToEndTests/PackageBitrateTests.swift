import Foundation
import HESPTestSupport
import Testing

/// Issue 14, honest bitrates: the manifest's `bandwidth` is the peak over *full* segments (a
/// short last segment starting on an IDR does not inflate it), `averageBandwidth`, the frame
/// index and `sabre-movie.json` state the rates produced (not the targets), and a rung more
/// than 10 % off its target is a `bitrateOffTarget` warning on stderr and in report.json.
@Suite struct PackageBitrateTests {
  struct Track: Decodable {
    var id: String
    var bandwidth: Int
    var averageBandwidth: Int
  }

  static func json(_ url: URL) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
  }

  @Test func aShortLastSegmentDoesNotInflateTheManifestBandwidth() throws {
    let scratch = try TemporaryDirectory(prefix: "bitrate")
    // 36 frames, GOP 30, segments of 15: the last segment is 6 frames opening with an IDR.
    let input = try MadeClip.testPattern("clip.mp4", seconds: 1.2, in: scratch)
    let packaged = try MadeClip.package(
      input, ["--gop", "1", "--segment-duration", "0.5"], ladder: "180p@300k", in: scratch)
    #expect(packaged.result.status == 0, "\(packaged.result.standardError)")
    let index = try Self.json(packaged.output.appendingPathComponent("frame-index.json"))
    let track = try #require((index["tracks"] as? [[String: Any]])?.first)
    let segments = try #require(track["segments"] as? [[String: Any]])
    let rates = segments.map { segment -> (frames: Int, bitsPerSecond: Double) in
      let frames = segment["frameCount"] as? Int ?? 0
      let bytes = segment["byteCount"] as? Int ?? 0
      return (frames, Double(bytes * 8) * 30 / Double(max(frames, 1)))
    }
    #expect(rates.map(\.frames) == [15, 15, 6])
    let fullPeak = Int(rates.filter { $0.frames == 15 }.map(\.bitsPerSecond).max()!.rounded())
    #expect(rates[2].bitsPerSecond > Double(fullPeak))  // the short IDR segment is the densest
    let manifest = try Data(contentsOf: packaged.output.appendingPathComponent("manifest.json"))
    let text = String(decoding: manifest, as: UTF8.self)
    #expect(text.contains("\"bandwidth\" : \(fullPeak)"))
    #expect(track["peakBitsPerSecond"] as? Int == fullPeak)
    let report = try #require(try packaged.tracks().first)
    #expect(report["peakBitsPerSecond"] as? Int == fullPeak)
  }

  @Test func theSabreMovieAndTheIndexStateTheProducedAverageRates() throws {
    let scratch = try TemporaryDirectory(prefix: "bitrate")
    let packaged = try MadeClip.package(
      Fixture.media("bbb-320x180-6s.mp4"), ladder: "144p@50k,180p@300k", in: scratch)
    #expect(packaged.result.status == 0, "\(packaged.result.standardError)")
    let averages = try packaged.tracks().map { $0["averageBitsPerSecond"] as? Int ?? 0 }
    let movie = try Self.json(packaged.output.appendingPathComponent("sabre-movie.json"))
    #expect(movie["bitrates_kbps"] as? [Double] == averages.map { Double($0) / 1000 })
    let index = try Self.json(packaged.output.appendingPathComponent("frame-index.json"))
    let indexAverages = (index["tracks"] as? [[String: Any]] ?? []).map {
      $0["averageBitsPerSecond"] as? Int ?? 0
    }
    #expect(indexAverages == averages)
    // Every continuation byte over the duration.
    for (track, average) in zip(index["tracks"] as? [[String: Any]] ?? [], averages) {
      let bytes = (track["segments"] as? [[String: Any]] ?? []).reduce(0) {
        $0 + ($1["byteCount"] as? Int ?? 0)
      }
      #expect(average == Int((Double(bytes * 8) / 6).rounded()))
    }
    // x264 is asked for the target less the CMAF share, so small rungs meet their target.
    for track in try packaged.tracks() {
      let deviation = track["targetDeviationPercent"] as? Double ?? 99
      #expect(abs(deviation) <= 10, "\(track["id"] ?? "?"): \(deviation) %")
      #expect(
        (track["encoderBitsPerSecond"] as? Int ?? 0) < (track["targetBitsPerSecond"] as? Int ?? 0))
    }
    #expect(try packaged.allWarningCodes().isEmpty)
    #expect(packaged.result.standardError.isEmpty)
  }

  @Test func aRungFarFromItsTargetIsReportedOnStderrAndInTheReport() throws {
    let scratch = try TemporaryDirectory(prefix: "bitrate")
    // 10 kb/s at 30 fps is less than the CMAF container alone (27 kb/s).
    let packaged = try MadeClip.package(Fixture.clip, ladder: "90p@10k", in: scratch)
    #expect(packaged.result.status == 0, "\(packaged.result.standardError)")
    let lines = packaged.result.standardError.split(separator: "\n").map(String.init)
    #expect(lines.count == 1)
    let line = lines.first ?? ""
    #expect(
      line.hasPrefix("hesp package: warning: \(Fixture.clip.path): track 90p: average "), "\(line)")
    #expect(line.contains("% above its 10 kb/s target (peak over full segments "))
    #expect(try packaged.allWarningCodes() == ["bitrateOffTarget"])
    let track = try #require(try packaged.tracks().first)
    #expect((track["targetDeviationPercent"] as? Double ?? 0) > 100)
  }
}
