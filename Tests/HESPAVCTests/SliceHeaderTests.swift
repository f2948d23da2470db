import Foundation
import HESPTestSupport
import Testing

@testable import HESPAVC

@Suite struct SliceHeaderTests {
  @Test func emulationPreventionRoundTripsOnRealNALUnits() throws {
    let directory = try TemporaryDirectory()
    let stream = try EncodedH264Stream.encode(in: directory)
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
    let stream = try EncodedH264Stream.encode(frameCount: 20, keyframeInterval: 20, in: directory)
    let sets = try stream.parameterSets()
    #expect(
      try SequenceParameterSet(nalUnit: stream.sequenceParameterSets[0]).frameNumBitCount == 4)
    let headers = try stream.accessUnits.map { sample in
      try #require(try SliceHeader.firstSlice(inSample: sample.data, parameterSets: sets))
    }
    #expect(headers.map(\.frameNum) == (0..<20).map { UInt32($0 % 16) })
    // x264 without B-frames: sliding-window marking, one reference picture per slice.
    #expect(
      headers.allSatisfy { !$0.adaptiveRefPicMarking && $0.memoryManagementOperations.isEmpty })
    #expect(headers.allSatisfy { $0.nalRefIdc != 0 && $0.decRefPicMarkingBitRange != nil })
    #expect(headers[0].idrPicId != nil && headers[1].idrPicId == nil)
    #expect(headers.allSatisfy { $0.entropyCodingModeCABAC })
  }

  @Test func rewritingAFrameNumChangesOnlyThatField() throws {
    let directory = try TemporaryDirectory()
    let stream = try EncodedH264Stream.encode(in: directory)
    let sets = try stream.parameterSets()
    let sample = stream.accessUnits[3]
    #expect(
      try SliceHeader.rewritingFrameNum(inSample: sample.data, parameterSets: sets, to: 3)
        == sample.data)
    let rewritten = try SliceHeader.rewritingFrameNum(
      inSample: sample.data, parameterSets: sets, to: 9 + 16)
    let header = try #require(try SliceHeader.firstSlice(inSample: rewritten, parameterSets: sets))
    #expect(header.frameNum == 9)
    #expect(header.sliceType % 5 == 0)  // P
  }

  @Test func aSliceHeaderOfANonSliceOrTruncatedUnitIsRejected() throws {
    let sets = try AVCParameterSets(parsing: [TestParameterSets.sps], [TestParameterSets.pps])
    #expect(throws: AVCError.self) {
      try SliceHeader(nalUnit: TestParameterSets.pps, parameterSets: sets)
    }
    let error = #expect(throws: AVCError.self) {
      try SliceHeader(nalUnit: [0x65], parameterSets: sets)
    }
    #expect(error?.structure == "slice")
    // first_mb 0, slice_type 7, pps_id 5: a PPS the stream does not have.
    let missing = #expect(throws: AVCError.self) {
      try SliceHeader(nalUnit: [0x65, 0b1_0001000, 0b00110_000], parameterSets: sets)
    }
    #expect(missing?.reason.contains("PPS 5") == true)
  }
}
