import Foundation
import HESPCore
import HESPTestSupport
import Testing

/// The "done when" checks on the fixture clip, through the built binary and ffmpeg.
@Suite(.serialized) struct PackageSpliceTests {
  @Test func packagingTheFixturePrintsAJSONSummaryAndExitsZero() throws {
    let clip = try PackagedClip.standard.get()
    #expect(clip.status == 0, "\(clip.standardError)")
    let summary = try JSONSerialization.jsonObject(with: clip.standardOutput) as? [String: Any]
    #expect(summary?["frameCount"] as? Int == 30)
    #expect((summary?["tracks"] as? [Any])?.count == 2)
  }

  @Test func progressGoesToStderrAndTheTableToStdout() throws {
    let scratch = try TemporaryDirectory(prefix: "progress")
    let out = scratch.file("out")
    let result = try Command.hesp().run(
      ["package", Fixture.clip.path, "-o", out.path, "--ladder", "120p@150k", "--frames", "10"])
    #expect(result.status == 0)
    #expect(result.standardError.contains("packaging: 10/10 frames (100%)"))
    #expect(result.standardError.contains(" fps"))
    #expect(!result.standardOutputText.contains("packaging:"))
    #expect(result.standardOutputText.hasPrefix("track     size  target kb/s"))
    #expect(result.standardOutputText.contains("120p   214x120"))
    #expect(result.standardOutputText.contains("10 frames (0.33 s)"))
  }

  @Test func headerPlusAllSegmentsDecodesEveryFrameSilently() throws {
    let clip = try PackagedClip.standard.get()
    let scratch = try TemporaryDirectory(prefix: "full")
    for track in try clip.frameIndex().tracks {
      let file = try Splice(clip: clip, track: track).continuationFile(in: scratch)
      let decoded = try Splice.decode(
        file, pixelFormat: "gray", frameByteCount: track.width * track.height)
      #expect(decoded.errors.isEmpty, "\(track.id): \(decoded.errors)")
      #expect(decoded.frames.count == 30)
    }
  }

  @Test func ffprobeReadsTheHeaderWithAnySingleSegment() throws {
    let clip = try PackagedClip.standard.get()
    let scratch = try TemporaryDirectory(prefix: "probe")
    let track = try clip.frameIndex().tracks[0]
    let segment = try #require(track.segments.last)
    var data = try clip.bytes("video/\(track.id)/header.mp4")
    data += try clip.bytes("video/\(track.id)/content-\(segment.id).m4s")
    let url = scratch.file("one-segment.mp4")
    try data.write(to: url)
    let output = try Command(onPath: "ffprobe").run(
      [
        "-v", "error", "-show_entries", "stream=codec_name,width,height", "-of", "csv=p=0",
        url.path,
      ])
    #expect(output.status == 0 && output.standardError.isEmpty, "\(output.standardError)")
    #expect(output.standardOutputText.contains("h264,\(track.width),\(track.height)"))
  }

  @Test func everyInitPacketSplicesSilentlyWithTheContinuationsTimestampsAndAtLeast40dB() throws {
    let clip = try PackagedClip.standard.get()
    let scratch = try TemporaryDirectory(prefix: "splice")
    let index = try clip.frameIndex()
    for track in index.tracks {
      let splice = Splice(clip: clip, track: track)
      let normalFile = try splice.continuationFile(in: scratch)
      let normal = try Splice.decode(
        normalFile, pixelFormat: "gray", frameByteCount: track.width * track.height)
      let normalTimes = try Splice.presentationTimes(normalFile)
      for n in 0..<index.frameCount {
        let file = try splice.splicedFile(n, in: scratch)
        let spliced = try Splice.decode(
          file, pixelFormat: "gray", frameByteCount: track.width * track.height)
        #expect(spliced.errors.isEmpty, "\(track.id) init \(n): \(spliced.errors)")
        #expect(spliced.frames.count == index.frameCount - n, "\(track.id) init \(n)")
        #expect(
          try Splice.presentationTimes(file) == Array(normalTimes[n...]), "\(track.id) init \(n)")
        let nextKeyframe =
          (n + 1..<index.frameCount).first { track.frames[$0].isKeyframe } ?? index.frameCount
        let gop = nextKeyframe - n
        let decibels = Splice.psnr(
          Array(spliced.frames.prefix(gop)), Array(normal.frames[n..<nextKeyframe]))
        #expect(decibels >= 40, "\(track.id) init \(n): \(decibels) dB over \(gop) frames")
        // After the next continuation keyframe the decode is exact again.
        #expect(Array(spliced.frames.dropFirst(gop)) == Array(normal.frames[nextKeyframe...]))
      }
    }
  }

  @Test func losslessInitPacketsSpliceBitExactly() throws {
    let clip = try PackagedClip.lossless.get()
    #expect(clip.status == 0, "\(clip.standardError)")
    let scratch = try TemporaryDirectory(prefix: "lossless")
    let index = try clip.frameIndex()
    for track in index.tracks {
      let splice = Splice(clip: clip, track: track)
      let frameBytes = track.width * track.height * 3 / 2
      let normal = try Splice.decode(
        try splice.continuationFile(in: scratch), pixelFormat: "yuv420p", frameByteCount: frameBytes
      )
      for n in stride(from: 0, to: index.frameCount, by: 4) {
        let spliced = try Splice.decode(
          try splice.splicedFile(n, in: scratch), pixelFormat: "yuv420p", frameByteCount: frameBytes
        )
        #expect(spliced.errors.isEmpty, "\(track.id) init \(n): \(spliced.errors)")
        #expect(
          spliced.frames == Array(normal.frames[n...]), "\(track.id) init \(n) is not bit-exact")
      }
    }
  }
}
