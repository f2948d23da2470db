import Foundation
import HESPCore
import HESPPackager
import HESPTestSupport
import Testing

@testable import HESPVerify

/// The fallback manifests are claims too: `manifest.mpd`, `master.m3u8` and the media playlists
/// list every track with its size, codecs and bandwidth and every segment with its file and
/// duration; a changed claim fails in that file, with the offset of the offending text.
@Suite(.serialized) struct FallbackClaimTests {
  /// A package whose segments all start with a keyframe (GOP = segment), with AAC audio (the
  /// flower clip and a sine tone), so it carries both fallbacks over video and audio.
  static let fixture = Result {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent(
      "hesp-fallback-\(UUID().uuidString)")
    let source = FileManager.default.temporaryDirectory.appendingPathComponent(
      "hesp-fallback-\(UUID().uuidString).mp4")
    defer { try? FileManager.default.removeItem(at: source) }
    let made = try Command(onPath: "ffmpeg").run([
      "-v", "error", "-i", Repository.fixture("Media/flower-320x180-1s.mp4").path, "-f", "lavfi",
      "-i",
      "sine=frequency=440:duration=1", "-c:v", "copy", "-c:a", "aac", "-shortest", source.path,
    ])
    guard made.status == 0 else { throw CocoaError(.fileWriteUnknown) }
    _ = try Packager.run(
      PackagingOptions(
        inputPath: source.path, outputPath: out.path,
        ladder: try EncodingLadder(parsing: "180p@300k,120p@150k"), gopSeconds: 0.4,
        segmentDurationSeconds: 0.4,
        frameLimit: 24))
    return out
  }

  func findings(in file: String, after change: (URL) throws -> Void) async throws
    -> [VerifyFinding]
  {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent(
      "hesp-fallback-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: try Self.fixture.get(), to: out)
    defer { VerifyFixture.remove(out) }
    try change(out)
    let report = await Verifier.run(VerifyOptions(packagePath: out.path, splices: .none))
    #expect(!report.passed)
    return report.findings.filter { $0.file == file }
  }

  /// Replaces the first occurrence of `old` in a text file of the package.
  func edit(_ root: URL, _ path: String, _ old: String, _ new: String) throws {
    let url = root.appendingPathComponent(path)
    let text = try String(contentsOf: url, encoding: .utf8)
    let range = try #require(text.range(of: old), "\(path) has no \(old)")
    try text.replacingCharacters(in: range, with: new).write(
      to: url, atomically: true, encoding: .utf8)
  }

  @Test func aPackageWithBothFallbacksPassesAndItsFallbacksAreChecked() async throws {
    let root = try Self.fixture.get()
    let index = try JSONDecoder().decode(
      FrameIndex.self, from: Data(contentsOf: root.appendingPathComponent("frame-index.json")))
    let audio = try #require(index.audio?.id)
    for path in [
      "manifest.mpd", "master.m3u8", "video/180p/playlist.m3u8", "audio/\(audio)/playlist.m3u8",
    ] {
      #expect(
        FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path), "\(path)")
    }
    let report = await Verifier.run(VerifyOptions(packagePath: root.path, splices: .none))
    #expect(report.passed, "\(report.findings)")
  }

  @Test func aRepresentationBandwidthBelowThePeakFails() async throws {
    let found = try await findings(in: "manifest.mpd") { root in
      let index = try JSONDecoder().decode(
        FrameIndex.self, from: Data(contentsOf: root.appendingPathComponent("frame-index.json")))
      let peak = index.tracks[0].peakBitsPerSecond
      try edit(root, "manifest.mpd", #"bandwidth="\#(peak)""#, #"bandwidth="\#(peak / 2)""#)
    }
    #expect(found.contains { $0.message.contains("bandwidth") && $0.byteOffset > 0 }, "\(found)")
  }

  @Test func aSegmentTimelineDurationThatIsNotTheFilesFails() async throws {
    let found = try await findings(in: "manifest.mpd") { root in
      let text = try String(
        contentsOf: root.appendingPathComponent("manifest.mpd"), encoding: .utf8)
      let duration = try #require(text.firstMatch(of: /<S t="0" d="(\d+)"/)?.1)
      try edit(
        root, "manifest.mpd", #"<S t="0" d="\#(duration)""#, #"<S t="0" d="\#(Int(duration)! + 1)""#
      )
    }
    #expect(found.contains { $0.message.contains("SegmentTimeline") }, "\(found)")
  }

  @Test func aMissingRepresentationAndABadSizeFail() async throws {
    let found = try await findings(in: "manifest.mpd") { root in
      let text = try String(
        contentsOf: root.appendingPathComponent("manifest.mpd"), encoding: .utf8)
      let line = try #require(
        text.split(separator: "\n").first { $0.contains(#"<Representation id="120p""#) })
      try edit(root, "manifest.mpd", String(line) + "\n", "")
      try edit(root, "manifest.mpd", #"width="320""#, #"width="640""#)
    }
    #expect(found.contains { $0.message.contains("video/120p/") }, "\(found)")
    #expect(found.contains { $0.message.contains("640x") }, "\(found)")
  }

  @Test func anMPDThatIsNotXMLFailsWithItsLine() async throws {
    let found = try await findings(in: "manifest.mpd") { root in
      try edit(root, "manifest.mpd", "</Period>", "</Perio")
    }
    #expect(found.contains { $0.message.contains("not well-formed XML") }, "\(found)")
  }

  @Test func aMediaPlaylistWithAWrongDurationOrAMissingSegmentFails() async throws {
    let found = try await findings(in: "video/180p/playlist.m3u8") { root in
      try edit(root, "video/180p/playlist.m3u8", "#EXTINF:0.4", "#EXTINF:0.5")
      try edit(root, "video/180p/playlist.m3u8", "content-1.m4s\n", "")
    }
    #expect(found.contains { $0.message.contains("EXTINF") }, "\(found)")
    #expect(found.contains { $0.message.contains("segments") }, "\(found)")
  }

  @Test func anAudioRenditionWithWrongCodecsFails() async throws {
    let found = try await findings(in: "manifest.mpd") { root in
      try edit(root, "manifest.mpd", #"codecs="mp4a.40.2""#, #"codecs="mp4a.40.5""#)
    }
    #expect(found.contains { $0.message.contains("codecs mp4a.40.5") }, "\(found)")
  }

  @Test func aMasterPlaylistWithAWrongResolutionOrAMissingPlaylistFails() async throws {
    let found = try await findings(in: "master.m3u8") { root in
      try edit(root, "master.m3u8", "RESOLUTION=320x180", "RESOLUTION=321x180")
    }
    #expect(found.contains { $0.message.contains("RESOLUTION") && $0.byteOffset > 0 }, "\(found)")
    let missing = try await findings(in: "video/120p/playlist.m3u8") { root in
      try FileManager.default.removeItem(
        at: root.appendingPathComponent("video/120p/playlist.m3u8"))
    }
    #expect(missing.contains { $0.message.contains("missing") }, "\(missing)")
  }

  @Test func aStartWithSAPClaimOverASegmentWithoutAKeyframeFails() async throws {
    let found = try await findings(in: "manifest.mpd") { root in
      let url = root.appendingPathComponent("frame-index.json")
      var index = try JSONDecoder().decode(FrameIndex.self, from: Data(contentsOf: url))
      index.tracks[0].frames[index.tracks[0].segments[1].firstFrame].isKeyframe = false
      try JSONEncoder().encode(index).write(to: url)
    }
    #expect(found.contains { $0.message.contains("startWithSAP") }, "\(found)")
  }
}
