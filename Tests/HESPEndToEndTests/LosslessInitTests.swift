import Foundation
import HESPTestSupport
import Testing

/// `--init-lossless` is bit-exact and conformant: every init packet decodes on its own (one
/// access unit, no id defined twice), every splice is pixel-identical to the continuation, on a
/// coded size that is not the picture size (360p codes 368 lines), and the manifest's codecs
/// string says High 4:4:4 Predictive, what the init packets carry.
@Suite struct LosslessInitTests {
  @Test func every360pInitPacketDecodesAloneAndEverySpliceIsBitExact() throws {
    let scratch = try TemporaryDirectory(prefix: "lossless")
    let input = try MadeClip.testPattern(
      "pattern-360p.mp4", size: "640x360", rate: 25, seconds: 0.48, in: scratch)
    let packaged = try MadeClip.package(
      input, ["--init-lossless", "--gop", "0.32", "--segment-duration", "0.2"], ladder: "360p@600k",
      in: scratch)
    #expect(packaged.result.status == 0, "\(packaged.result.standardError)")
    let track = packaged.output.appendingPathComponent("video/360p")
    // Each init packet on its own, as a player reading it before any continuation would: one
    // picture, nothing at -v error (no "missing picture in access unit", no SPS redefined).
    for n in 0..<12 {
      let packet = track.appendingPathComponent("init-\(n).m4s").path
      let decoded = try Command(onPath: "ffmpeg").run([
        "-v", "error", "-i", packet, "-f", "framemd5", "-",
      ])
      #expect(
        decoded.status == 0 && decoded.standardError.isEmpty, "init-\(n): \(decoded.standardError)")
      #expect(
        decoded.standardOutputText.split(separator: "\n").filter { !$0.hasPrefix("#") }.count == 1)
    }
    let probe = try Command(onPath: "ffprobe").run([
      "-v", "error", "-show_entries", "stream=profile,width,height", "-of", "csv=p=0",
      track.appendingPathComponent("init-5.m4s").path,
    ])
    #expect(
      probe.standardOutputText.trimmingCharacters(in: .whitespacesAndNewlines)
        == "High 4:4:4 Predictive,640,360")
    let manifest = try String(
      contentsOf: packaged.output.appendingPathComponent("manifest.json"), encoding: .utf8)
    #expect(manifest.contains(#""codecs" : "avc1.f4"#))
    // hesp verify: every splice pixel-identical, every init packet a clean access unit. (testsrc
    // at 600 kb/s drives x264 to QP 0-2, where FFmpeg used to carry the lossless SPS's QP-0
    // tables into the continuation: `LosslessParameterSets.continuationMinimumQP`.)
    let verified = try Command.hesp().run(["verify", packaged.output.path, "--json", "--quiet"])
    #expect(verified.status == 0, "\(verified.standardOutputText)")
    let report = try JSONSerialization.jsonObject(with: verified.standardOutput) as? [String: Any]
    let tracks = report?["tracks"] as? [[String: Any]] ?? []
    #expect(tracks.count == 1)
    let compared = tracks.first?["framesCompared"] as? Int ?? 0
    #expect(compared > 12 && tracks.first?["exactFrameCount"] as? Int == compared)
    #expect(tracks.first?["ownHeaderInitPacketCount"] as? Int == 0)
  }
}
