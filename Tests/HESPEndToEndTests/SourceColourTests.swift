import Foundation
import HESPTestSupport
import Testing

/// Issue 14, colour: the source's primaries, transfer and matrix go into every rung's VUI and
/// `colr` (nclx), limited range; what the source leaves unspecified is tagged as a player would
/// guess for the source (not for the smaller rung); HDR (PQ, HLG) is tone-mapped to SDR BT.709
/// with the method stated; a transfer the tone mapper does not know is refused with one line.
@Suite struct SourceColourTests {
  struct Case: Sendable, CustomStringConvertible {
    var name: String
    var size = "320x180"
    var pixelFormat = "yuv420p"
    /// ffmpeg options tagging the source (`-color_primaries`, `-color_trc`, `-colorspace`, ...).
    var tags: [String]
    /// ffprobe's primaries, transfer, matrix and range of the package.
    var expected: [String]
    var assumed: [String] = []
    var warning: String? = nil
    var description: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "BT.709 tagged",
      tags: ["-color_primaries", "bt709", "-color_trc", "bt709", "-colorspace", "bt709"],
      expected: ["bt709", "bt709", "bt709", "tv"]),
    Case(
      name: "BT.601 625-line tagged",
      tags: ["-color_primaries", "bt470bg", "-color_trc", "gamma28", "-colorspace", "bt470bg"],
      expected: ["bt470bg", "bt470bg", "bt470bg", "tv"]),
    Case(
      name: "SMPTE 170M tagged, full range",
      tags: [
        "-color_primaries", "smpte170m", "-color_trc", "smpte170m", "-colorspace", "smpte170m",
        "-color_range", "pc",
      ],
      expected: ["smpte170m", "smpte170m", "smpte170m", "tv"]),
    Case(
      name: "untagged SD", tags: [], expected: ["smpte170m", "smpte170m", "smpte170m", "tv"],
      assumed: ["primaries", "transfer", "matrix"]),
    Case(
      name: "untagged HD", size: "1280x720", tags: [], expected: ["bt709", "bt709", "bt709", "tv"],
      assumed: ["primaries", "transfer", "matrix"]),
    Case(
      name: "BT.2020 SDR 10-bit", pixelFormat: "yuv420p10le",
      tags: ["-color_primaries", "bt2020", "-color_trc", "bt2020-10", "-colorspace", "bt2020nc"],
      expected: ["bt2020", "bt2020-10", "bt2020nc", "tv"], warning: "pixelFormatReduced"),
    Case(
      name: "HDR PQ 10-bit", pixelFormat: "yuv420p10le",
      tags: ["-color_primaries", "bt2020", "-color_trc", "smpte2084", "-colorspace", "bt2020nc"],
      expected: ["bt709", "bt709", "bt709", "tv"], warning: "toneMapped"),
    Case(
      name: "HDR HLG 10-bit", pixelFormat: "yuv420p10le",
      tags: [
        "-color_primaries", "bt2020", "-color_trc", "arib-std-b67", "-colorspace", "bt2020nc",
      ],
      expected: ["bt709", "bt709", "bt709", "tv"], warning: "toneMapped"),
    Case(
      name: "4:2:2 8-bit", pixelFormat: "yuv422p", tags: ["-colorspace", "bt709"],
      expected: ["bt709", "bt709", "bt709", "tv"], assumed: ["primaries", "transfer"],
      warning: "pixelFormatReduced"),
  ]

  static func tagged(_ c: Case, in scratch: TemporaryDirectory) throws -> URL {
    try MadeClip.ffmpeg(
      [
        "-f", "lavfi", "-i", "testsrc2=size=\(c.size):rate=25", "-t", "0.4", "-c:v", "libx264",
        "-bf", "0",
        "-pix_fmt", c.pixelFormat,
      ] + c.tags,
      output: "colour.mp4", in: scratch)
  }

  @Test(arguments: cases)
  func everyRungCarriesTheColourInItsVUIAndColr(_ c: Case) throws {
    let scratch = try TemporaryDirectory(prefix: "colour")
    let input = try Self.tagged(c, in: scratch)
    let height = c.size.split(separator: "x").last.map(String.init) ?? "180"
    let ladder = "\(height)p@600k,90p@150k"
    let packaged = try MadeClip.package(input, ladder: ladder, in: scratch)
    #expect(packaged.result.status == 0, "\(packaged.result.standardError)")
    for track in ["\(height)p", "90p"] {
      let file = try Probe.continuation(of: packaged.output, track: track, in: scratch)
      let stream = try Probe.videoStream(file)
      let found = ["color_primaries", "color_transfer", "color_space", "color_range"].map {
        stream[$0] ?? "?"
      }
      #expect(found == c.expected, "\(track)")
      #expect(stream["pix_fmt"] == "yuv420p")
      // The same tags in colr (read without decoding: header.mp4 alone).
      let header = packaged.output.appendingPathComponent("video/\(track)/header.mp4")
      let tagsOnly = try Probe.videoStream(header)
      #expect(tagsOnly["color_primaries"] == c.expected[0])
      #expect(tagsOnly["color_space"] == c.expected[2])
    }
    let colour = try packaged.property("colour")
    #expect(colour["assumed"] as? [String] == c.assumed)
    let output = colour["output"] as? [String: String]
    #expect(output?["primaries"] == c.expected[0] && output?["range"] == "tv")
    #expect(try packaged.warningCodes() == (c.warning.map { [$0] } ?? []))
    if c.warning == "toneMapped" {
      #expect((colour["handling"] as? String)?.contains("tonemap=hable") == true)
      #expect(packaged.errorLines.first?.contains("tone-mapped to SDR BT.709") == true)
    }
  }

  @Test(arguments: ["linear", "log100", "smpte428"])
  func aTransferTheToneMapperDoesNotKnowIsRefusedWithOneLine(_ transfer: String) throws {
    let scratch = try TemporaryDirectory(prefix: "colour")
    let input = try Self.tagged(
      Case(name: transfer, tags: ["-color_trc", transfer], expected: []), in: scratch)
    let packaged = try MadeClip.package(input, in: scratch)
    #expect(packaged.result.status == 1)
    #expect(
      packaged.errorLines == [
        "hesp package: error: \(input.path): video stream 0 colour transfer: '\(transfer)' is neither an SDR transfer nor PQ/HLG, the ones the tone mapper knows"
      ])
    #expect(packaged.leftNothing)
  }
}
