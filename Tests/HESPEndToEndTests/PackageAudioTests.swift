import Foundation
import HESPTestSupport
import Testing

/// Issue 14, "sound": the source's audio becomes an audio Switching Set (`audio/<id>/`), AAC
/// passed through, other codecs encoded to AAC-LC; in sync with the video, aligned with its
/// segments, checked by ffprobe/ffmpeg and by `hesp verify`. Inputs are made by the ffmpeg CLI.
@Suite struct PackageAudioTests {
  /// 1 s of `testsrc` at 30 fps with a 1 s 440 Hz tone, `audio` its codec options.
  static func clip(
    _ name: String, audio: [String], extra: [String] = [], in scratch: TemporaryDirectory
  ) throws -> URL {
    try MadeClip.testPattern(
      name,
      extra: ["-f", "lavfi", "-i", "sine=frequency=440:duration=1"] + audio + extra + ["-t", "1"],
      in: scratch)
  }

  static func manifestAudio(_ output: URL) throws -> [String: Any]? {
    let data = try Data(contentsOf: output.appendingPathComponent("manifest.json"))
    let manifest = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    let presentation = (manifest?["presentations"] as? [[String: Any]])?.first
    return (presentation?["audio"] as? [[String: Any]])?.first
  }

  static func verify(_ output: URL) throws -> Command.Output {
    try Command.hesp().run(["verify", output.path, "--splices", "2"])
  }

  @Test func anAACSourceIsPassedThroughInSyncAndVerifies() throws {
    let scratch = try TemporaryDirectory(prefix: "audio")
    let input = try Self.clip("aac.mp4", audio: ["-c:a", "aac", "-ar", "44100"], in: scratch)
    let packaged = try MadeClip.package(input, in: scratch)
    #expect(packaged.result.status == 0, "\(packaged.result.standardError)")
    #expect(try packaged.warningCodes().isEmpty)
    let audio = try #require(try packaged.report()["audio"] as? [String: Any])
    #expect(audio["handling"] as? String == "passedThrough")
    #expect(audio["sampleRate"] as? Int == 44100)
    #expect(audio["codecs"] as? String == "mp4a.40.2")
    // The priming packet (before the video's first frame) is left out: no shift at all.
    #expect(audio["startShiftMilliseconds"] as? Double == 0)
    let set = try #require(try Self.manifestAudio(packaged.output))
    #expect(set["id"] as? String == "audio")
    #expect(set["language"] as? String == "und")
    #expect(set["mimeType"] as? String == "audio/mp4")
    #expect(set["initializationPattern"] as? String == "init-{initId}.m4s")
    #expect(set["continuationPattern"] as? String == "content-{segmentId}.m4s")
    let track = try #require((set["tracks"] as? [[String: Any]])?.first)
    #expect(track["baseUrl"] as? String == "audio/\(audio["id"] as? String ?? "")/")
    #expect(track["sampleRate"] as? Int == 44100)
    #expect(track["channels"] as? Int == 1)
    let probe = AudioProbe(output: packaged.output)
    let file = try probe.continuation(in: scratch)
    let stream = try AudioProbe.stream(file)
    #expect(stream["codec_name"] == "aac")
    #expect(stream["profile"] == "LC")
    #expect(abs(Double(stream["start_time"] ?? "") ?? 9) < 1.0 / 30)
    #expect(abs((Double(stream["duration"] ?? "") ?? 0) - 1) < 1.0 / 30)
    #expect(try AudioProbe.decodeErrors(file) == "")
    let verified = try Self.verify(packaged.output)
    #expect(verified.status == 0, "\(verified.standardOutputText)")
    #expect(verified.standardOutputText.contains("init packets"))
  }

  @Test(arguments: [("mp3.mp4", ["-c:a", "libmp3lame"]), ("opus.mkv", ["-c:a", "libopus"])])
  func anotherCodecIsEncodedToAACAt48kHzStereo(_ name: String, _ codec: [String]) throws {
    let scratch = try TemporaryDirectory(prefix: "audio")
    let input = try Self.clip(name, audio: codec + ["-ac", "1"], in: scratch)
    let packaged = try MadeClip.package(input, in: scratch)
    #expect(packaged.result.status == 0, "\(packaged.result.standardError)")
    let audio = try #require(try packaged.report()["audio"] as? [String: Any])
    #expect(audio["handling"] as? String == "encoded")
    #expect((audio["encodedBecause"] as? String)?.hasPrefix("the source codec is ") == true)
    #expect(audio["id"] as? String == "128k")
    let file = try AudioProbe(output: packaged.output).continuation(in: scratch)
    let stream = try AudioProbe.stream(file)
    #expect(stream["codec_name"] == "aac")
    #expect(stream["sample_rate"] == "48000")
    #expect(stream["channels"] == "2")
    #expect(Double(stream["start_time"] ?? "") == 0)
    #expect(abs((Double(stream["duration"] ?? "") ?? 0) - 1) < 1.0 / 30)
    #expect(try AudioProbe.decodeErrors(file) == "")
    // The tone starts with the first video frame (within one frame).
    #expect(try AudioProbe.soundStartSeconds(file) < 1.0 / 30)
    let verified = try Self.verify(packaged.output)
    #expect(verified.status == 0, "\(verified.standardOutputText)")
  }

  @Test func audioOptionsSetTheEncodedTrack() throws {
    let scratch = try TemporaryDirectory(prefix: "audio")
    let input = try Self.clip("aac.mp4", audio: ["-c:a", "aac"], in: scratch)
    let packaged = try MadeClip.package(
      input,
      [
        "--audio-encode", "--audio-bitrate", "64k", "--audio-sample-rate", "44100",
        "--audio-channels", "1",
      ],
      in: scratch)
    #expect(packaged.result.status == 0, "\(packaged.result.standardError)")
    let audio = try #require(try packaged.report()["audio"] as? [String: Any])
    #expect(audio["encodedBecause"] as? String == "--audio-encode")
    #expect(audio["targetBitsPerSecond"] as? Int == 64000)
    let stream = try AudioProbe.stream(
      try AudioProbe(output: packaged.output).continuation(in: scratch))
    #expect(stream["sample_rate"] == "44100")
    #expect(stream["channels"] == "1")
  }

  @Test func audioThatStartsLateIsEncodedWithSilenceBeforeIt() throws {
    let scratch = try TemporaryDirectory(prefix: "audio")
    let clip = try Self.clip("aac.mp4", audio: ["-c:a", "aac"], in: scratch)
    let input = try MadeClip.ffmpeg(
      [
        "-i", clip.path, "-itsoffset", "0.3", "-i", clip.path, "-map", "0:v", "-map", "1:a", "-c",
        "copy",
      ],
      output: "late.mp4", in: scratch)
    let packaged = try MadeClip.package(input, in: scratch)
    #expect(packaged.result.status == 0, "\(packaged.result.standardError)")
    let audio = try #require(try packaged.report()["audio"] as? [String: Any])
    #expect((audio["encodedBecause"] as? String)?.contains("after the video") == true)
    let file = try AudioProbe(output: packaged.output).continuation(in: scratch)
    #expect(abs(try AudioProbe.soundStartSeconds(file) - 0.3) < 1.0 / 30)
    #expect(abs((Double(try AudioProbe.stream(file)["duration"] ?? "") ?? 0) - 1) < 1.0 / 30)
  }

  @Test func audioSegmentsAreAlignedWithTheVideoSegments() throws {
    let scratch = try TemporaryDirectory(prefix: "audio")
    let input = try Self.clip("mp3.mp4", audio: ["-c:a", "libmp3lame"], in: scratch)
    let packaged = try MadeClip.package(
      input, ["--segment-duration", "0.3", "--gop", "0.3"], in: scratch)
    #expect(packaged.result.status == 0, "\(packaged.result.standardError)")
    let data = try Data(contentsOf: packaged.output.appendingPathComponent("frame-index.json"))
    let index = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let video = try #require(
      (index["tracks"] as? [[String: Any]])?.first?["segments"] as? [[String: Any]])
    let audio = try #require(index["audio"] as? [String: Any])
    let segments = try #require(audio["segments"] as? [[String: Any]])
    let frames = try #require(audio["frames"] as? [[String: Any]])
    #expect(segments.count == video.count)
    for segment in segments {
      let id = segment["id"] as? Int ?? -1
      let first = frames[segment["firstFrame"] as? Int ?? 0]
      let start = Double(first["decodeTimeTicks"] as? Int ?? 0) / 48000
      // The first AAC frame of audio segment s starts in [0.3 s, 0.3 s + one AAC frame).
      #expect(
        start >= Double(id) * 0.3 - 1e-9 && start < Double(id) * 0.3 + 1024.0 / 48000,
        "segment \(id)")
    }
  }

  @Test func aSourceWithoutAudioPackagesWithoutAnAudioTrack() throws {
    let scratch = try TemporaryDirectory(prefix: "audio")
    let packaged = try MadeClip.package(
      try MadeClip.testPattern("silent.mp4", in: scratch), in: scratch)
    #expect(packaged.result.status == 0, "\(packaged.result.standardError)")
    #expect(packaged.errorLines.isEmpty)
    #expect(try packaged.report()["audio"] == nil)
    #expect(try Self.manifestAudio(packaged.output) == nil)
    #expect(
      !FileManager.default.fileExists(atPath: packaged.output.appendingPathComponent("audio").path))
  }

  @Test func noAudioLeavesTheAudioOut() throws {
    let scratch = try TemporaryDirectory(prefix: "audio")
    let input = try Self.clip("opus.mkv", audio: ["-c:a", "libopus"], in: scratch)
    let packaged = try MadeClip.package(input, ["--no-audio"], in: scratch)
    #expect(packaged.result.status == 0, "\(packaged.result.standardError)")
    #expect(try packaged.warningCodes() == ["streamsNotPackaged"])
    #expect(try Self.manifestAudio(packaged.output) == nil)
    #expect(
      !FileManager.default.fileExists(atPath: packaged.output.appendingPathComponent("audio").path))
  }

  @Test func anAudioCodecWithoutADecoderIsRefusedInOneLine() throws {
    let scratch = try TemporaryDirectory(prefix: "audio")
    let clip = try Self.clip("opus.mkv", audio: ["-c:a", "libopus"], in: scratch)
    // The Matroska codec id A_OPUS made into one FFmpeg does not know.
    var bytes = try Data(contentsOf: clip)
    let range = try #require(bytes.range(of: Data("A_OPUS".utf8)))
    bytes.replaceSubrange(range, with: Data("A_QQQQ".utf8))
    let input = scratch.file("unknown-codec.mkv")
    try bytes.write(to: input)
    let packaged = try MadeClip.package(input, in: scratch)
    #expect(packaged.result.status == 1)
    #expect(
      packaged.errorLines == [
        "hesp package: error: \(input.path): audio stream 1: FFmpeg does not know its codec, so it cannot be encoded to AAC (--no-audio packages the video alone)"
      ])
    #expect(packaged.leftNothing)
    let withoutAudio = try MadeClip.package(input, ["--no-audio"], in: scratch)
    #expect(withoutAudio.result.status == 0, "\(withoutAudio.result.standardError)")
  }

  @Test func aSegmentShorterThanAnAACFrameIsRefusedWhileAudioIsPackaged() throws {
    let scratch = try TemporaryDirectory(prefix: "audio")
    let input = try MadeClip.testPattern(
      "fast.mp4", rate: 60,
      extra: ["-f", "lavfi", "-i", "sine=duration=1", "-c:a", "aac", "-shortest"],
      in: scratch)
    let packaged = try MadeClip.package(
      input, ["--segment-duration", "0.0167", "--gop", "1"], in: scratch)
    #expect(packaged.result.status == 64)  // a usage error: it names an option
    #expect(
      packaged.errorLines.first?.hasPrefix(
        "hesp package: error: --segment-duration: 0.0167 s is shorter than one AAC frame") == true)
    #expect(packaged.leftNothing)
  }
}
