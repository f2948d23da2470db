import Foundation
import HESPTestSupport
import Testing

/// Issue 14, "players without HESP": when every continuation segment starts with a keyframe the
/// package carries `manifest.mpd` and `master.m3u8` over the same files, and FFmpeg's own dash
/// and hls demuxers decode every rendition, video and audio, without an error.
@Suite struct PackageFallbackTests {
  /// Frames (video) or packets (audio) ffprobe reads per stream of `manifest` (`-count_frames`).
  static func streams(_ manifest: URL) throws -> [(type: String, frames: Int)] {
    let result = try Command(onPath: "ffprobe").run([
      "-v", "error", "-count_frames", "-show_entries", "stream=index,codec_type,nb_read_frames",
      "-of",
      "csv=p=0", manifest.path,
    ])
    // HLS lists its streams once more per program: one entry per stream index.
    var seen = Set<Int>()
    return result.standardOutputText.split(separator: "\n").compactMap { line in
      let fields = line.split(separator: ",").map(String.init)
      guard fields.count >= 3, let index = Int(fields[0]), let frames = Int(fields[2]),
        seen.insert(index).inserted
      else { return nil }
      return (fields[1], frames)
    }
  }

  static func decodeErrors(_ manifest: String, in directory: URL? = nil) throws -> String {
    let result = try Command(onPath: "ffmpeg").run(
      ["-v", "error", "-i", manifest, "-map", "0", "-f", "null", "-"], in: directory)
    return result.status == 0
      ? result.standardError : "exit \(result.status): \(result.standardError)"
  }

  @Test func dashAndHLSClientsDecodeEveryRenditionWithSound() throws {
    let scratch = try TemporaryDirectory(prefix: "fallback")
    let input = try PackageAudioTests.clip("mp3.mp4", audio: ["-c:a", "libmp3lame"], in: scratch)
    let packaged = try MadeClip.package(
      input, ["--gop", "0.5", "--segment-duration", "0.5"], ladder: "180p@300k,144p@150k",
      in: scratch)
    #expect(packaged.result.status == 0, "\(packaged.result.standardError)")
    #expect(
      try packaged.report()["fallbackManifests"] as? [String] == [
        "manifest.mpd", "master.m3u8", "video/144p/playlist.m3u8", "video/180p/playlist.m3u8",
        "audio/128k/playlist.m3u8",
      ])
    for name in ["manifest.mpd", "master.m3u8"] {
      let manifest = packaged.output.appendingPathComponent(name)
      #expect(try Self.decodeErrors(manifest.path) == "", "\(name)")
      // Relative to the working directory too (FFmpeg resolves the templates itself).
      #expect(
        try Self.decodeErrors(name, in: packaged.output) == "", "\(name) from its folder")
      let streams = try Self.streams(manifest)
      #expect(streams.filter { $0.type == "video" }.map(\.frames) == [30, 30], "\(name)")
      // 1 s of 48 kHz AAC: 47 frames (the last one cut at the video's end).
      #expect(streams.filter { $0.type == "audio" }.map(\.frames) == [47], "\(name)")
    }
  }

  @Test func aPackageWithoutAudioHasVideoOnlyFallbacks() throws {
    let scratch = try TemporaryDirectory(prefix: "fallback")
    let packaged = try MadeClip.package(
      try MadeClip.testPattern("silent.mp4", in: scratch), in: scratch)
    #expect(packaged.result.status == 0, "\(packaged.result.standardError)")
    for name in ["manifest.mpd", "master.m3u8"] {
      let manifest = packaged.output.appendingPathComponent(name)
      #expect(try Self.decodeErrors(manifest.path) == "", "\(name)")
      #expect(try Self.streams(manifest).map(\.type) == ["video"], "\(name)")
    }
  }

  @Test func segmentsThatDoNotStartWithAKeyframeGetNoFallbackButTheBaselineDoes() throws {
    let scratch = try TemporaryDirectory(prefix: "fallback")
    let input = try PackageAudioTests.clip("aac.mp4", audio: ["-c:a", "aac"], in: scratch)
    let packaged = try MadeClip.package(
      input, ["--gop", "1", "--segment-duration", "0.5", "--baseline"], in: scratch)
    #expect(packaged.result.status == 0, "\(packaged.result.standardError)")
    #expect(try packaged.report()["fallbackManifests"] as? [String] == [])
    let files = FileManager.default
    #expect(!files.fileExists(atPath: packaged.output.appendingPathComponent("manifest.mpd").path))
    #expect(!files.fileExists(atPath: packaged.output.appendingPathComponent("master.m3u8").path))
    let baseline = packaged.output.appendingPathComponent("baseline")
    for name in ["manifest.mpd", "master.m3u8"] {
      let manifest = baseline.appendingPathComponent(name)
      #expect(try Self.decodeErrors(manifest.path) == "", "baseline/\(name)")
      #expect(
        try Self.streams(manifest).map(\.type).sorted() == ["audio", "video"], "baseline/\(name)")
    }
  }
}
