import Foundation
import HESPTestSupport
import Testing

/// Issue 14, sample aspect ratio: rungs follow the display aspect ratio (720x576 at SAR 4:3
/// gives 5:3 rungs, not 1.25), with square pixels; a `<w>x<h>` rung of another shape carries
/// `pasp` and the VUI's sar, so players stretch it back.
@Suite struct SourceAspectRatioTests {
  struct Case: Sendable, CustomStringConvertible {
    var size: String
    var sar: String
    /// The derived ladder's (width, height), smallest first.
    var rungs: [[Int]]
    var displaySize: String
    var description: String { "\(size) at SAR \(sar)" }
  }

  static let cases: [Case] = [
    Case(
      size: "720x576", sar: "4/3", rungs: [[400, 240], [600, 360], [800, 480]],
      displaySize: "960x576"),
    Case(
      size: "720x480", sar: "8/9", rungs: [[320, 240], [480, 360], [640, 480]],
      displaySize: "640x480"),
    Case(size: "352x288", sar: "16/11", rungs: [[256, 144], [426, 240]], displaySize: "512x288"),
  ]

  static func anamorphic(_ size: String, sar: String, in scratch: TemporaryDirectory) throws -> URL
  {
    try MadeClip.testPattern(
      "anamorphic.mp4", size: size, rate: 25, seconds: 0.2, extra: ["-vf", "setsar=\(sar)"],
      in: scratch)
  }

  @Test(arguments: cases)
  func theDerivedLadderHasTheDisplayAspectRatioWithSquarePixels(_ c: Case) throws {
    let scratch = try TemporaryDirectory(prefix: "sar")
    let input = try Self.anamorphic(c.size, sar: c.sar, in: scratch)
    let packaged = try MadeClip.package(input, ladder: nil, in: scratch)
    #expect(packaged.result.status == 0, "\(packaged.result.standardError)")
    let tracks = try packaged.tracks()
    #expect(tracks.map { [$0["width"] as? Int ?? 0, $0["height"] as? Int ?? 0] } == c.rungs)
    #expect(tracks.allSatisfy { $0["pixelAspectRatio"] as? String == "1:1" })
    let aspect = try packaged.property("pixelAspectRatio")
    #expect(aspect["source"] as? String == c.sar.replacingOccurrences(of: "/", with: ":"))
    #expect(aspect["displaySize"] as? String == c.displaySize)
    // ffprobe: square pixels (no pasp, no VUI sar) at the rung's size.
    let top = try #require(tracks.last?["id"] as? String)
    let stream = try Probe.videoStream(
      try Probe.continuation(of: packaged.output, track: top, in: scratch))
    #expect(stream["width"] == String(c.rungs.last?[0] ?? 0))
    #expect(["N/A", "1:1", "0:1"].contains(stream["sample_aspect_ratio"] ?? "?"))
  }

  @Test func aRungAtTheCodedSizeKeepsTheSourcePixelsAndWritesPasp() throws {
    let scratch = try TemporaryDirectory(prefix: "sar")
    let input = try Self.anamorphic("720x576", sar: "4/3", in: scratch)
    let packaged = try MadeClip.package(input, ladder: "720x576@1500k,360p@500k", in: scratch)
    #expect(packaged.result.status == 0, "\(packaged.result.standardError)")
    let tracks = try packaged.tracks()
    #expect(tracks.map { $0["pixelAspectRatio"] as? String } == ["1:1", "4:3"])
    let coded = try Probe.videoStream(
      try Probe.continuation(of: packaged.output, track: "576p", in: scratch))
    #expect(coded["width"] == "720" && coded["height"] == "576")
    #expect(coded["sample_aspect_ratio"] == "4:3")
    #expect(coded["display_aspect_ratio"] == "5:3")
    let header = try Data(
      contentsOf: packaged.output.appendingPathComponent("video/576p/header.mp4"))
    #expect(header.range(of: Data("pasp".utf8)) != nil)
    let square = try Data(
      contentsOf: packaged.output.appendingPathComponent("video/360p/header.mp4"))
    #expect(square.range(of: Data("pasp".utf8)) == nil)
  }

  @Test func aRungWiderThanTheDisplayedPictureIsRefusedNamingTheDisplayedSize() throws {
    let scratch = try TemporaryDirectory(prefix: "sar")
    let input = try Self.anamorphic("720x576", sar: "4/3", in: scratch)
    let packaged = try MadeClip.package(input, ladder: "1280x576@1500k", in: scratch)
    #expect(packaged.result.status == 64)  // a usage error: it names an option
    #expect(
      packaged.errorLines == [
        "hesp package: error: --ladder: ladder rung '1280x576@1500k': 1280x576 is larger than the source (960x576)"
      ])
    #expect(packaged.leftNothing)
  }
}
