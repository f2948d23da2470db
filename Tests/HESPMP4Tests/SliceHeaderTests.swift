import Foundation
import HESPTestSupport
import Testing

@testable import HESPMP4

@Suite struct SliceHeaderTests {
  @Test func emulationPreventionRoundTripsOnRealNALUnits() throws {
    let directory = try TemporaryDirectory()
    let stream = try EncodedStream.encode(in: directory)
    let units = try NALUnits.split(annexB: stream.annexB)
    #expect(units.count > 10)
    for unit in units {
      #expect(NALUnits.addingEmulationPrevention(NALUnits.rawByteSequencePayload(unit)) == unit)
    }
    #expect(
      NALUnits.addingEmulationPrevention(Hex.bytes("65 0000 01 0000 00"))
        == Hex.bytes("65 000003 01 000003 00 03"))
  }

  @Test func frameNumCountsFramesSinceTheIDRModuloMaxFrameNum() throws {
    let directory = try TemporaryDirectory()
    let stream = try EncodedStream.encode(frameCount: 20, keyframeInterval: 20, in: directory)
    let sps = try stream.configuration.sequenceParameterSet
    #expect(sps.frameNumBitCount == 4)
    let frameNums = try stream.samples.map { sample in
      let slice = try #require(
        try NALUnits.split(lengthPrefixed: sample.data).first(where: SliceHeader.isSlice))
      return try SliceHeader(nalUnit: slice, sps: sps).frameNum
    }
    #expect(frameNums == (0..<20).map { UInt32($0 % 16) })
  }

  @Test func rewritingAFrameNumChangesOnlyThatField() throws {
    let directory = try TemporaryDirectory()
    let stream = try EncodedStream.encode(in: directory)
    let sps = try stream.configuration.sequenceParameterSet
    let sample = stream.samples[3]
    #expect(
      try SliceHeader.rewritingFrameNum(inSample: sample.data, sps: sps, to: 3) == sample.data)
    let rewritten = try SliceHeader.rewritingFrameNum(inSample: sample.data, sps: sps, to: 9 + 16)
    let slice = try #require(
      try NALUnits.split(lengthPrefixed: rewritten).first(where: SliceHeader.isSlice))
    let header = try SliceHeader(nalUnit: slice, sps: sps)
    #expect(header.frameNum == 9)
    #expect(header.sliceType % 5 == 0)  // P
  }

  @Test func aSliceHeaderOfANonSliceOrTruncatedUnitIsRejected() throws {
    let sps = try TestParameterSets.configuration.sequenceParameterSet
    #expect(throws: MP4Error.self) { try SliceHeader(nalUnit: TestParameterSets.pps, sps: sps) }
    let error = #expect(throws: MP4Error.self) { try SliceHeader(nalUnit: [0x65], sps: sps) }
    #expect(error?.box == "slice")
  }

  /// `ffmpeg -v debug` decode of `bytes`: the log and the frame digests.
  private func debugDecode(_ bytes: [UInt8], _ directory: TemporaryDirectory, _ name: String) throws
    -> (log: String, digests: [String])
  {
    let url = directory.file(name)
    try Data(bytes).write(to: url)
    let result = try Command(onPath: "ffmpeg").run([
      "-v", "debug", "-nostdin", "-i", url.path, "-f", "framemd5", "-",
    ])
    #expect(result.status == 0)
    let digests = result.standardOutputText.split(separator: "\n").filter { !$0.hasPrefix("#") }
      .compactMap { $0.split(separator: ",").last.map { $0.trimmingCharacters(in: .whitespaces) } }
    return (result.standardError, digests)
  }

  @Test func renumberingTheContinuationRemovesTheFrameNumGapOfASpliceAndKeepsThePictures() throws {
    let scratch = try TemporaryDirectory()
    let package = try MiniPackage.build(in: scratch.file("package"), scratch: scratch)
    let sps = try package.configuration.sequenceParameterSet
    let splice = 10
    let nextIDR = 25
    func spliceBytes(renumber: Bool) throws -> [UInt8] {
      var bytes = CMAFWriter.header(
        VideoTrackDescription(
          timescale: EncodedStream.timescale, width: MiniPackage.width, height: MiniPackage.height,
          avc: package.configuration))
      bytes += CMAFWriter.chunk(
        sequenceNumber: 1, trackId: 1, sample: package.initializationSamples[splice])
      for frame in splice + 1..<MiniPackage.frameCount {
        var sample = package.continuationSamples[frame]
        if renumber && frame < nextIDR {
          sample.data = try SliceHeader.rewritingFrameNum(
            inSample: sample.data, sps: sps, to: UInt32(frame - splice))
        }
        bytes += CMAFWriter.chunk(sequenceNumber: UInt32(frame + 1), trackId: 1, sample: sample)
      }
      return bytes
    }
    let gap = try debugDecode(try spliceBytes(renumber: false), scratch, "gap.mp4")
    let renumbered = try debugDecode(try spliceBytes(renumber: true), scratch, "renumbered.mp4")
    #expect(gap.log.contains("Frame num gap"))
    #expect(!renumbered.log.contains("Frame num gap"))
    #expect(renumbered.digests.count == MiniPackage.frameCount - splice)
    #expect(renumbered.digests == gap.digests)
  }
}
