import Foundation
import HESPTestSupport
import Testing

/// Issue 14, interlacing: a source whose stream or pictures say interlaced is deinterlaced
/// (libavfilter bwdif, one frame per frame, in the field order it gives) and said so; the
/// package is progressive whatever the field order.
@Suite struct SourceInterlaceTests {
  struct Case: Sendable, CustomStringConvertible {
    var name: String
    var file: String
    /// ffmpeg options encoding interlaced pictures.
    var encoding: [String]
    var fieldOrder: String
    var order: String
    var description: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "H.264 top field first", file: "tff.mp4",
      encoding: ["-flags", "+ildct+ilme", "-c:v", "libx264", "-x264-params", "tff=1", "-bf", "0"],
      fieldOrder: "tt", order: "top field first"),
    Case(
      name: "H.264 bottom field first", file: "bff.mp4",
      encoding: ["-flags", "+ildct+ilme", "-c:v", "libx264", "-x264-params", "bff=1", "-bf", "0"],
      fieldOrder: "bb", order: "bottom field first"),
    Case(
      name: "MPEG-2 bottom field first in MPEG-TS", file: "bff.ts",
      encoding: ["-flags", "+ildct+ilme", "-c:v", "mpeg2video", "-top", "0", "-f", "mpegts"],
      fieldOrder: "bb", order: "bottom field first"),
    Case(
      name: "MPEG-2 top field first in MPEG-TS", file: "tff.ts",
      encoding: ["-flags", "+ildct+ilme", "-c:v", "mpeg2video", "-top", "1", "-f", "mpegts"],
      fieldOrder: "tt", order: "top field first"),
  ]

  @Test(arguments: cases)
  func anInterlacedSourceIsDeinterlacedIntoAProgressivePackage(_ c: Case) throws {
    let scratch = try TemporaryDirectory(prefix: "interlace")
    let input = try MadeClip.ffmpeg(
      ["-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-t", "0.6", "-pix_fmt", "yuv420p"]
        + c.encoding, output: c.file, in: scratch)
    #expect(try Probe.videoStream(input)["field_order"] == c.fieldOrder)
    let packaged = try MadeClip.package(input, ladder: "240p@400k", in: scratch)
    #expect(packaged.result.status == 0, "\(packaged.result.standardError)")
    let stream = try Probe.videoStream(
      try Probe.continuation(of: packaged.output, track: "240p", in: scratch))
    #expect(stream["field_order"] == "progressive")
    #expect(stream["nb_read_frames"] == "15")
    #expect(try packaged.report()["frameCount"] as? Int == 15)
    let field = try packaged.property("fieldOrder")
    #expect(field["source"] as? String == c.fieldOrder)
    let handling = field["handling"] as? String ?? ""
    #expect(handling.hasPrefix("deinterlaced (\(c.order)) with libavfilter bwdif"), "\(handling)")
    #expect(try packaged.warningCodes() == ["deinterlaced"])
    #expect(
      packaged.errorLines == [
        "hesp package: warning: \(input.path): interlaced (field order \(c.fieldOrder), \(c.order)) deinterlaced with bwdif: one progressive frame per frame"
      ])
    let filters = (try packaged.source()["properties"] as? [String: Any])?["filters"] as? String
    #expect(
      filters?.hasPrefix("bwdif=mode=send_frame:parity=\(c.order.hasPrefix("top") ? "tff" : "bff")")
        == true)
  }

  @Test func deinterlacingLooksLikeTheSourceAsFFmpegsBwdifShowsIt() throws {
    let scratch = try TemporaryDirectory(prefix: "interlace")
    let input = try MadeClip.ffmpeg(
      ["-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-t", "0.6", "-pix_fmt", "yuv420p"]
        + Self.cases[0].encoding, output: "tff.mp4", in: scratch)
    let reference = try MadeClip.ffmpeg(
      [
        "-i", input.path, "-vf", "bwdif=mode=send_frame:parity=tff:deint=all", "-c:v", "libx264",
        "-qp", "0",
      ],
      output: "reference.mp4", in: scratch)
    let packaged = try MadeClip.package(input, ladder: "240p@2000k", in: scratch)
    let output = try Probe.continuation(of: packaged.output, track: "240p", in: scratch)
    #expect(try Probe.psnr(output, reference, width: 320, height: 240) > 30)
  }

  @Test func aProgressiveSourceIsLeftAlone() throws {
    let scratch = try TemporaryDirectory(prefix: "interlace")
    let packaged = try MadeClip.package(Fixture.clip, in: scratch)
    #expect(packaged.result.status == 0, "\(packaged.result.standardError)")
    let field = try packaged.property("fieldOrder")
    #expect(field["source"] as? String == "progressive")
    #expect(field["handling"] as? String == "progressive: nothing to do")
  }

  /// Combed pictures in a stream that says progressive (fields woven, then coded as frames) are
  /// not detected (idet misreads sharp synthetic progressive patterns), so the user says so.
  @Test func combedPicturesInAProgressiveStreamAreDeinterlacedOnRequest() throws {
    let scratch = try TemporaryDirectory(prefix: "interlace")
    let input = try MadeClip.ffmpeg(
      [
        "-f", "lavfi", "-i", "testsrc=size=320x240:rate=50", "-t", "1.2", "-vf",
        "tinterlace=mode=interleave_top,setfield=prog", "-pix_fmt", "yuv420p", "-c:v", "libx264",
        "-bf", "0",
      ], output: "combed.mp4", in: scratch)
    #expect(try Probe.videoStream(input)["field_order"] == "progressive")
    let untouched = try MadeClip.package(input, ladder: "240p@400k", in: scratch)
    #expect(
      try untouched.property("fieldOrder")["handling"] as? String == "progressive: nothing to do")
    let packaged = try MadeClip.package(
      input, ["--deinterlace", "tff"], ladder: "240p@400k", in: scratch)
    #expect(packaged.result.status == 0, "\(packaged.result.standardError)")
    let handling = try packaged.property("fieldOrder")["handling"] as? String ?? ""
    #expect(handling.hasPrefix("deinterlaced (top field first, on request"), "\(handling)")
    #expect(try packaged.warningCodes() == ["deinterlaced"])
    let filters = (try packaged.source()["properties"] as? [String: Any])?["filters"] as? String
    #expect(filters?.hasPrefix("bwdif=mode=send_frame:parity=tff") == true)
    let stream = try Probe.videoStream(
      try Probe.continuation(of: packaged.output, track: "240p", in: scratch))
    #expect(stream["field_order"] == "progressive")
    #expect(stream["nb_read_frames"] == "30")  // 60 fields woven into 30 frames
  }

  @Test func aDeinterlaceFieldOrderOtherThanTffOrBffIsAUsageError() throws {
    let scratch = try TemporaryDirectory(prefix: "interlace")
    let packaged = try MadeClip.package(Fixture.clip, ["--deinterlace", "top"], in: scratch)
    #expect(packaged.result.status == 64)
    #expect(
      packaged.errorLines == ["hesp package: error: --deinterlace: must be tff or bff, got 'top'"])
    #expect(!FileManager.default.fileExists(atPath: packaged.output.path))
  }
}
