import Foundation
import HESPTestSupport
import Testing

@testable import HESPPackager

/// The DASH MPD and HLS playlists a package carries for players without HESP, against golden
/// files (`Fixtures/Golden/fallback/`; `HESP_UPDATE_GOLDEN=1` rewrites them, then review the diff).
@Suite struct FallbackManifestTests {
  /// Two rungs at 30 fps (timescale 15360), 2 s segments and a 1 s last one; AAC 48 kHz stereo
  /// whose segments hold 94, 94 and 47 frames.
  static let content = FallbackContent(
    videos: [
      .init(
        id: "360p", width: 640, height: 360, sarWidth: 1, sarHeight: 1, codecs: "avc1.64001e",
        peakBitsPerSecond: 695_000, averageBitsPerSecond: 658_000),
      .init(
        id: "720p", width: 1280, height: 720, sarWidth: 1, sarHeight: 1, codecs: "avc1.64001f",
        peakBitsPerSecond: 3_379_000, averageBitsPerSecond: 3_171_000),
    ],
    timescale: 15360, frameRateNumerator: 30, frameRateDenominator: 1,
    segmentDurations: [30720, 30720, 15360],
    audio: .init(
      id: "128k", codecs: "mp4a.40.2", sampleRate: 48000, channelCount: 2, language: "eng",
      peakBitsPerSecond: 175_000, averageBitsPerSecond: 170_000, timescale: 48000,
      segmentDurations: [96256, 96256, 47488]))

  static func check(_ name: String, _ actual: String) throws {
    let expected = try GoldenFile.expected("fallback/\(name)", actual: actual)
    #expect(actual == expected, "\(GoldenFile.firstDifference(actual, expected))")
  }

  @Test func theMPDMatchesItsGoldenFile() throws {
    try Self.check("manifest.mpd", DASHManifest.text(Self.content))
  }

  @Test func theMasterAndMediaPlaylistsMatchTheirGoldenFiles() throws {
    let files = Dictionary(uniqueKeysWithValues: Self.content.files().map { ($0.path, $0.text) })
    #expect(
      files.keys.sorted() == [
        "audio/128k/playlist.m3u8", "manifest.mpd", "master.m3u8", "video/360p/playlist.m3u8",
        "video/720p/playlist.m3u8",
      ])
    try Self.check("master.m3u8", try #require(files["master.m3u8"]))
    try Self.check("video-playlist.m3u8", try #require(files["video/720p/playlist.m3u8"]))
    try Self.check("audio-playlist.m3u8", try #require(files["audio/128k/playlist.m3u8"]))
    #expect(files["video/360p/playlist.m3u8"] == files["video/720p/playlist.m3u8"])
  }

  @Test func withoutAudioThereIsNoAudioGroupOrAdaptationSet() {
    var content = Self.content
    content.audio = nil
    content.frameRateNumerator = 30000
    content.frameRateDenominator = 1001
    let master = HLSPlaylists.master(content)
    #expect(!master.contains("EXT-X-MEDIA"))
    #expect(!master.contains("AUDIO="))
    #expect(master.contains(#"CODECS="avc1.64001e",RESOLUTION=640x360,FRAME-RATE=29.970"#))
    let mpd = DASHManifest.text(content)
    #expect(!mpd.contains("contentType=\"audio\""))
    #expect(mpd.contains(#"frameRate="30000/1001""#))
  }

  @Test func theTargetDurationIsTheLongestSegmentRounded() {
    let playlist = HLSPlaylists.media(timescale: 1000, segmentDurations: [2500, 2400, 600])
    #expect(playlist.contains("#EXT-X-TARGETDURATION:3\n"))
    #expect(playlist.contains("#EXTINF:2.500000,\ncontent-0.m4s\n"))
  }
}
