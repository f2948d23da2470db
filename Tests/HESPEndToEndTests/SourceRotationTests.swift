import Foundation
import HESPTestSupport
import Testing

/// Issue 14, rotation: a display matrix turning by a multiple of 90 degrees is applied before
/// encoding (the package shows what the source shows, in any player), the ladder follows the
/// displayed size; any other angle, or a mirror, is refused with one line and no output.
@Suite struct SourceRotationTests {
  /// 320x180 tagged `rotate=DEGREES` (the mov muxer writes the display matrix).
  static func rotated(_ degrees: Int, in scratch: TemporaryDirectory) throws -> URL {
    let plain = try MadeClip.testPattern("plain.mp4", in: scratch)
    return try MadeClip.ffmpeg(
      ["-i", plain.path, "-c", "copy", "-metadata:s:v:0", "rotate=\(degrees)"],
      output: "rotate-\(degrees).mp4", in: scratch)
  }

  @Test(arguments: [90, 180, 270])
  func aQuarterTurnIsAppliedBeforeEncodingAndShowsWhatFFmpegShows(_ degrees: Int) throws {
    let scratch = try TemporaryDirectory(prefix: "rotation")
    let input = try Self.rotated(degrees, in: scratch)
    let upright = degrees == 180
    let ladder = upright ? "180p@300k" : "320p@300k"
    let packaged = try MadeClip.package(input, ladder: ladder, in: scratch)
    #expect(packaged.result.status == 0, "\(packaged.result.standardError)")
    #expect(packaged.errorLines.isEmpty)
    let track = upright ? "180p" : "320p"
    let output = try Probe.continuation(of: packaged.output, track: track, in: scratch)
    let stream = try Probe.videoStream(output)
    #expect(stream["width"] == (upright ? "320" : "180"))
    #expect(stream["height"] == (upright ? "180" : "320"))
    #expect(stream["nb_read_frames"] == "30")
    // ffmpeg turns the source by its display matrix: the pictures must match.
    let width = upright ? 320 : 180
    let height = upright ? 180 : 320
    #expect(try Probe.psnr(output, input, width: width, height: height) > 40)
    let rotation = try packaged.property("rotation")
    #expect((rotation["handling"] as? String)?.hasPrefix("rotated ") == true)
    #expect(rotation["clockwiseDegrees"] as? Double != nil)
  }

  @Test func theDerivedLadderFollowsTheDisplayedPortraitSize() throws {
    let scratch = try TemporaryDirectory(prefix: "rotation")
    let input = try Self.rotated(90, in: scratch)
    let packaged = try MadeClip.package(input, ["--frames", "4"], ladder: nil, in: scratch)
    #expect(packaged.result.status == 0, "\(packaged.result.standardError)")
    let sizes = try packaged.tracks().map { ($0["width"] as? Int ?? 0, $0["height"] as? Int ?? 0) }
    // Displayed 180x320: the standard heights that fit are 240 and 144, at 9:16.
    #expect(sizes.map(\.1) == [144, 240])
    for (width, height) in sizes { #expect(abs(Double(width) / Double(height) - 9.0 / 16) < 0.03) }
    let aspect = try packaged.property("pixelAspectRatio")
    #expect(aspect["displaySize"] as? String == "180x320")
  }

  @Test func aClipWithoutDisplayMatrixSaysSo() throws {
    let scratch = try TemporaryDirectory(prefix: "rotation")
    let packaged = try MadeClip.package(Fixture.clip, in: scratch)
    #expect(packaged.result.status == 0, "\(packaged.result.standardError)")
    let rotation = try packaged.property("rotation")
    #expect(rotation["handling"] as? String == "none in the source")
    #expect((try packaged.source()["properties"] as? [String: Any])?["filters"] == nil)
  }

  /// cos/sin of `degrees` in 16.16 for the tkhd matrix.
  static func matrix(_ degrees: Double, mirrored: Bool = false) -> [Int32] {
    let c = Int32((cos(degrees * .pi / 180) * 65536).rounded())
    let s = Int32((sin(degrees * .pi / 180) * 65536).rounded())
    return [mirrored ? -c : c, s, 0, -s, c, 0, 0, 0, 0x4000_0000]
  }

  @Test(arguments: [45.0, 100.0, 359.0])
  func anAngleThatIsNotAQuarterTurnIsRefusedWithOneLine(_ degrees: Double) throws {
    let scratch = try TemporaryDirectory(prefix: "rotation")
    let plain = try MadeClip.testPattern("plain.mp4", in: scratch)
    let input = try Probe.withTrackMatrix(
      plain, Self.matrix(degrees), named: "tilted.mp4", in: scratch)
    let packaged = try MadeClip.package(input, in: scratch)
    #expect(packaged.result.status == 1)
    #expect(packaged.errorLines.count == 1)
    let line = packaged.errorLines.first ?? ""
    #expect(
      line.hasPrefix("hesp package: error: \(input.path): video stream 0 rotation: "), "\(line)")
    #expect(line.hasSuffix("is not a multiple of 90; hesp turns pictures by quarter turns only"))
    #expect(packaged.leftNothing)
  }

  @Test func aMirroringDisplayMatrixIsRefusedWithOneLine() throws {
    let scratch = try TemporaryDirectory(prefix: "rotation")
    let plain = try MadeClip.testPattern("plain.mp4", in: scratch)
    let input = try Probe.withTrackMatrix(
      plain, Self.matrix(0, mirrored: true), named: "mirror.mp4", in: scratch)
    let packaged = try MadeClip.package(input, in: scratch)
    #expect(packaged.result.status == 1)
    #expect(
      packaged.errorLines == [
        "hesp package: error: \(input.path): video stream 0 rotation: the display matrix mirrors the picture; hesp does not flip pictures"
      ])
    #expect(packaged.leftNothing)
  }
}
