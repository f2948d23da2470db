import HESPTestSupport
import Testing

@testable import HESPAVC

@Suite struct PictureParameterSetTests {
  /// x264's PPS `68 eb c3 cb 22 c0` decoded by hand (H.264 §7.3.2.2): ids 0/0, CABAC, ref=3
  /// default (num_ref_idx_l0_default_active_minus1 2), weightp, deblocking control.
  @Test func x264sPPSReadsAsDecodedByHand() throws {
    let pps = try PictureParameterSet(nalUnit: TestParameterSets.pps)
    #expect(pps.picParameterSetId == 0 && pps.seqParameterSetId == 0)
    #expect(pps.entropyCodingModeCABAC)
    #expect(!pps.bottomFieldPicOrderInFramePresent)
    #expect(pps.sliceGroupCountMinus1 == 0 && pps.sliceGroupMapType == nil)
    #expect(pps.refIdxL0DefaultActiveMinus1 == 2 && pps.refIdxL1DefaultActiveMinus1 == 0)
    #expect(pps.weightedPrediction && pps.weightedBipredIdc == 0)
    #expect(pps.deblockingFilterControlPresent && !pps.redundantPicCntPresent)
  }

  @Test func aPPSWithAFieldOutOfRangeIsRejectedNamingTheField() throws {
    // ids 0/0, CAVLC, no bottom field, num_slice_groups_minus1 = 8 (ue 0001001).
    let error = #expect(throws: AVCError.self) {
      try PictureParameterSet(nalUnit: [0x68, 0b1100_0001, 0b001_00000])
    }
    #expect(error?.structure == "PPS")
    #expect(error?.reason == "num_slice_groups_minus1 8 > 7")
    #expect(throws: AVCError.self) { try PictureParameterSet(nalUnit: TestParameterSets.sps) }
    #expect(throws: AVCError.self) { try PictureParameterSet(nalUnit: [0x68]) }
  }

  @Test func theParameterSetsOfAStreamAreFoundById() throws {
    let sets = try AVCParameterSets(parsing: [TestParameterSets.sps], [TestParameterSets.pps])
    let (sps, pps) = try sets.active(picParameterSetId: 0)
    #expect(sps.seqParameterSetId == 0 && pps.picParameterSetId == 0)
    #expect(sps.picOrderCntType == 2 && !sps.gapsInFrameNumAllowed && sps.frameMbsOnly)
    let error = #expect(throws: AVCError.self) { try sets.active(picParameterSetId: 3) }
    #expect(error?.reason.contains("PPS 3") == true)
  }
}
