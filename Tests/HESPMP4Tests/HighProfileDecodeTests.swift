import Foundation
import HESPAVC
import HESPTestSupport
import Testing

@testable import HESPMP4

/// Profiles above High carry chroma format and bit depths in avcC: real libx264 encodes of each
/// (High 4:4:4 Predictive lossless as `--init-lossless` uses, High 4:2:2 10-bit) written and decoded.
@Suite struct HighProfileDecodeTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var pixelFormat: String
    var extraArguments: [String]
    var profile: UInt8
    /// The avcC extension: chroma_format, bit depths, numOfSequenceParameterSetExt.
    var recordExtension: [UInt8]
    var testDescription: String { pixelFormat }
  }

  static let cases = [
    Case(
      pixelFormat: "yuv444p", extraArguments: ["-qp", "0"], profile: 244,
      recordExtension: [0xFF, 0xF8, 0xF8, 0x00]),
    Case(
      pixelFormat: "yuv422p10le", extraArguments: [], profile: 122,
      recordExtension: [0xFE, 0xFA, 0xFA, 0x00]),
  ]

  @Test(arguments: cases)
  func theAvcCExtensionMatchesTheSPSAndFFmpegDecodesEveryFrame(_ testCase: Case) throws {
    let directory = try TemporaryDirectory()
    let stream = try EncodedH264Stream.encode(
      frameCount: 3, keyframeInterval: 3,
      extraArguments: ["-pix_fmt", testCase.pixelFormat] + testCase.extraArguments,
      in: directory)
    let sps = try stream.configuration.sequenceParameterSet
    #expect(sps.profileIndication == testCase.profile)
    #expect(sps.width == 160 && sps.height == 96)
    let record = stream.configuration.decoderConfigurationRecord
    #expect(Array(record.suffix(4)) == testCase.recordExtension)

    var bytes = CMAFWriter.header(stream.track()) + CMAFWriter.segmentType()
    for (index, sample) in stream.samples.enumerated() {
      bytes += CMAFWriter.chunk(sequenceNumber: UInt32(index + 1), trackId: 1, sample: sample)
    }
    let url = directory.file("high.mp4")
    try Data(bytes).write(to: url)
    let decode = try Command(onPath: "ffmpeg").run([
      "-v", "error", "-nostdin", "-i", url.path, "-f", "framemd5", "-",
    ])
    #expect(decode.status == 0)
    #expect(decode.standardError.isEmpty, "ffmpeg -v error printed: \(decode.standardError)")
    #expect(
      decode.standardOutputText.split(separator: "\n").filter { !$0.hasPrefix("#") }.count == 3)
    let probe = try Command(onPath: "ffprobe").run([
      "-v", "error", "-show_entries", "stream=pix_fmt", "-of", "csv=p=0", url.path,
    ])
    #expect(
      probe.standardOutputText.trimmingCharacters(in: .whitespacesAndNewlines)
        == testCase.pixelFormat)
  }
}
