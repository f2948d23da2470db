import Foundation
import HESPTestSupport
import Testing

/// Issue 12, "no silent change": whatever `hesp package` changes in or leaves out of its input
/// is said on stderr (`hesp package: warning: FILE: ...`) and in report.json (`warnings`), or
/// refused with one line. Inputs are made with the ffmpeg CLI in a scratch folder.
@Suite struct PackageHonestyTests {
  @Test func aCleanConstantRateClipGetsNoWarning() throws {
    let scratch = try TemporaryDirectory(prefix: "honest")
    let packaged = try MadeClip.package(Fixture.clip, in: scratch)
    #expect(packaged.result.status == 0, "\(packaged.result.standardError)")
    #expect(packaged.errorLines.isEmpty)
    #expect(try packaged.warningCodes().isEmpty)
    let timing = try packaged.source()["timing"] as? [String: Any]
    #expect((timing?["largestShiftMilliseconds"] as? Double ?? 99) < 1)
  }

  @Test func audioDroppedWithNoAudioIsAnnouncedOnStderrAndInTheReport() throws {
    let scratch = try TemporaryDirectory(prefix: "honest")
    let input = try MadeClip.testPattern(
      "with-audio.mp4",
      extra: ["-f", "lavfi", "-i", "sine=frequency=440:duration=1", "-c:a", "aac", "-shortest"],
      in: scratch)
    let packaged = try MadeClip.package(input, ["--no-audio"], in: scratch)
    #expect(packaged.result.status == 0, "\(packaged.result.standardError)")
    #expect(
      packaged.errorLines == [
        "hesp package: warning: \(input.path): 1 audio stream(s) not packaged (--no-audio)"
      ])
    #expect(try packaged.warningCodes() == ["streamsNotPackaged"])
    #expect(try packaged.source()["streamsNotPackaged"] as? [String: Int] == ["audio": 1])
  }

  @Test func aClipWithDroppedFramesIsRetimedWithTheRateTheGridAndTheLargestShift() throws {
    let scratch = try TemporaryDirectory(prefix: "honest")
    // 30 fps with frames 10-20 removed: 19 frames, the container's average rate is 19 fps.
    let input = try MadeClip.testPattern(
      "gap.mp4", extra: ["-vf", "select='not(between(n,10,20))'", "-fps_mode", "vfr"],
      in: scratch)
    let packaged = try MadeClip.package(input, in: scratch)
    #expect(packaged.result.status == 0, "\(packaged.result.standardError)")
    let line = try #require(packaged.errorLines.first)
    #expect(packaged.errorLines.count == 1)
    #expect(line.hasPrefix("hesp package: warning: \(input.path): variable frame rate (source "))
    #expect(line.contains("frame intervals 33.3 to 400 ms"))
    #expect(
      line.contains("retimed onto a constant 19 fps grid (container rate 19/1, timescale 9728)"))
    #expect(line.contains("timestamps moved by up to 173.7 ms (frame 9)"))
    #expect(try packaged.warningCodes() == ["retimed"])
    let timing = try #require(try packaged.source()["timing"] as? [String: Any])
    #expect(timing["largestShiftMilliseconds"] as? Double == 173.684)
    #expect(timing["gridTimescale"] as? Int == 9728)
  }

  @Test func aPhoneLikeClipWithJitteredTimestampsIsAnnouncedWithItsOddTimescale() throws {
    let scratch = try TemporaryDirectory(prefix: "honest")
    // 29.97 fps with a few ms of jitter on a 90 kHz clock, as phones write.
    let input = try MadeClip.testPattern(
      "phone.mp4",
      extra: [
        "-vf", "settb=1/90000,setpts='(N/29.97+0.004*mod(N,3))/TB'", "-fps_mode", "passthrough",
        "-enc_time_base", "1/90000", "-video_track_timescale", "90000",
      ], in: scratch)
    let packaged = try MadeClip.package(input, in: scratch)
    #expect(packaged.result.status == 0, "\(packaged.result.standardError)")
    let line = try #require(packaged.errorLines.first)
    #expect(line.contains("variable frame rate (source 29.7"), "\(line)")
    let timing = try #require(try packaged.source()["timing"] as? [String: Any])
    let timescale = try #require(timing["gridTimescale"] as? Int)
    #expect(line.contains("timescale \(timescale)): timestamps moved by up to "))
    #expect((timing["largestShiftMilliseconds"] as? Double ?? 0) > 1)
    #expect(try packaged.warningCodes() == ["retimed"])
  }

  @Test func aClipTrimmedWithStreamCopyHonoursItsEditList() throws {
    let scratch = try TemporaryDirectory(prefix: "honest")
    // -ss with -c copy keeps the GOP from frame 0 and hides frames 0-14 with an edit list.
    let input = try MadeClip.ffmpeg(
      ["-ss", "0.5", "-i", Fixture.clip.path, "-c", "copy"], output: "trimmed.mp4", in: scratch)
    let packaged = try MadeClip.package(input, in: scratch)
    #expect(packaged.result.status == 0, "\(packaged.result.standardError)")
    #expect(!packaged.result.standardError.contains("corrupt"))
    #expect(try packaged.report()["frameCount"] as? Int == 15)
    #expect(try packaged.source()["framesHiddenByEditList"] as? Int == 15)
  }

  @Test func aMidStreamResolutionChangeIsNamedWithItsFrameAndSizes() throws {
    let scratch = try TemporaryDirectory(prefix: "honest")
    for (name, size) in [("a.ts", "320x180"), ("b.ts", "160x120")] {
      try MadeClip.testPattern(
        name, size: size, seconds: 0.5, extra: ["-f", "mpegts"], in: scratch)
    }
    try Data("file 'a.ts'\nfile 'b.ts'\n".utf8).write(to: scratch.file("list.txt"))
    let input = try MadeClip.ffmpeg(
      ["-f", "concat", "-safe", "0", "-i", "list.txt", "-c", "copy"], output: "joined.mp4",
      in: scratch)
    let packaged = try MadeClip.package(input, in: scratch)
    #expect(packaged.result.status == 0, "\(packaged.result.standardError)")
    #expect(
      packaged.errorLines == [
        "hesp package: warning: \(input.path): resolution changes at frame 15 (320x180 -> 160x120): later pictures are scaled to the rungs made for 320x180"
      ])
    #expect(try packaged.warningCodes() == ["resolutionChange"])
    #expect(try packaged.report()["frameCount"] as? Int == 30)
  }

  @Test(arguments: [["--duration", "10"], ["--frames", "100"]])
  func aLimitBeyondTheClipSaysWhatWasPackaged(_ limit: [String]) throws {
    let scratch = try TemporaryDirectory(prefix: "honest")
    let packaged = try MadeClip.package(Fixture.clip, limit, in: scratch)
    #expect(packaged.result.status == 0, "\(packaged.result.standardError)")
    let asked = limit[0] == "--duration" ? "--duration 10 s" : "--frames 100"
    #expect(
      packaged.errorLines == [
        "hesp package: warning: \(Fixture.clip.path): \(asked) is beyond the source, which has 30 frames (1 s): packaged all of them"
      ])
    #expect(try packaged.warningCodes() == ["limitBeyondSource"])
  }
}
