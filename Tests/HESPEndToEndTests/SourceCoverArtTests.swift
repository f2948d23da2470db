import Foundation
import HESPTestSupport
import Testing

/// Issue 14, attached pictures: cover art is not video. A file whose only picture is cover art
/// is refused as having no video stream (not packaged as a 90,000 fps "video"); beside a real
/// video stream it is counted in report.json and left out, without a warning.
@Suite struct SourceCoverArtTests {
  static func cover(in scratch: TemporaryDirectory) throws -> URL {
    try MadeClip.ffmpeg(
      ["-f", "lavfi", "-i", "testsrc=size=64x64:rate=1", "-frames:v", "1"], output: "cover.png",
      in: scratch)
  }

  @Test(arguments: [["song.m4a", "aac"], ["song.mp3", "libmp3lame"]])
  func aSongWithCoverArtIsRefusedAsHavingNoVideoStream(_ file: [String]) throws {
    let scratch = try TemporaryDirectory(prefix: "cover")
    let cover = try Self.cover(in: scratch)
    let input = try MadeClip.ffmpeg(
      [
        "-f", "lavfi", "-i", "sine=duration=0.5", "-i", cover.path, "-map", "0", "-map", "1",
        "-c:a", file[1], "-c:v", "png", "-disposition:v:0", "attached_pic",
      ], output: file[0], in: scratch)
    let packaged = try MadeClip.package(input, in: scratch)
    #expect(packaged.result.status == 1)
    #expect(
      packaged.errorLines == [
        "hesp package: error: \(input.path): has no video stream (its only picture is cover art, which is not video)"
      ])
    #expect(packaged.leftNothing)
  }

  @Test func coverArtBesideAVideoIsCountedAndLeftOut() throws {
    let scratch = try TemporaryDirectory(prefix: "cover")
    let cover = try Self.cover(in: scratch)
    let video = try MadeClip.testPattern("video.mp4", seconds: 0.3, in: scratch)
    let input = try MadeClip.ffmpeg(
      [
        "-i", video.path, "-i", cover.path, "-map", "0", "-map", "1", "-c:v:0", "copy",
        "-c:v:1", "png", "-disposition:v:1", "attached_pic",
      ], output: "with-cover.mp4", in: scratch)
    let packaged = try MadeClip.package(input, in: scratch)
    #expect(packaged.result.status == 0, "\(packaged.result.standardError)")
    #expect(packaged.errorLines.isEmpty)
    #expect(try packaged.report()["frameCount"] as? Int == 9)
    let coverArt = try packaged.property("coverArt")
    #expect(coverArt["count"] as? Int == 1)
    #expect(
      coverArt["handling"] as? String
        == "not packaged: an attached picture (cover art) is not video")
  }
}
