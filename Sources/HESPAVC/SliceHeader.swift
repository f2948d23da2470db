/// An H.264 slice header (ITU-T H.264 §7.3.3), read to its end with the bit positions of the
/// fields a HESP splice cares about: `frame_num` and `dec_ref_pic_marking()`.
///
/// After an initialization IDR (frame_num 0) for frame k, the continuation's frame k+1 keeps the
/// frame_num it had in its own GOP, a gap that `gaps_in_frame_num_value_allowed_flag = 0` forbids
/// (`../shared/reference/splice-experiment.md` §5). `SpliceSafeFrameNumbering` rewrites the
/// continuation so that no splice has one; `FrameNumberSequence`-style checks read
/// `frameNum` and `hasMemoryManagementReset` to find gaps.
public struct SliceHeader: Sendable, Equatable {
  /// 1 (non-IDR slice) or 5 (IDR slice).
  public var nalUnitType: UInt8
  /// nal_ref_idc (0 for a picture no other picture predicts from).
  public var nalRefIdc: UInt8
  /// first_mb_in_slice (0 for the first slice of a picture).
  public var firstMbInSlice: UInt32
  /// slice_type (0 P, 1 B, 2 I, 3 SP, 4 SI; +5 when all slices of the picture share it).
  public var sliceType: UInt32
  /// pic_parameter_set_id.
  public var picParameterSetId: UInt32
  /// frame_num (0 in IDR pictures).
  public var frameNum: UInt32
  /// Bit offset of frame_num in the unit's RBSP (NAL header byte included).
  public var frameNumBitOffset: Int
  /// Width of frame_num in bits (from the SPS).
  public var frameNumBitCount: Int
  /// field_pic_flag (always false for progressive streams).
  public var isFieldPicture: Bool
  /// idr_pic_id (IDR slices only).
  public var idrPicId: UInt32?
  /// adaptive_ref_pic_marking_mode_flag (false: sliding window, or an IDR or non-reference slice).
  public var adaptiveRefPicMarking: Bool
  /// The memory_management_control_operation values in order, without the closing 0.
  public var memoryManagementOperations: [UInt32]
  /// Bits of dec_ref_pic_marking() in the RBSP; nil when nal_ref_idc is 0 (no such field).
  public var decRefPicMarkingBitRange: Range<Int>?
  /// Bit offset where the slice header ends and slice data (or CABAC alignment) begins.
  public var headerEndBitOffset: Int
  /// entropy_coding_mode_flag of the PPS: CABAC slice data starts byte-aligned.
  public var entropyCodingModeCABAC: Bool

  /// True when the picture marks every reference unused after decoding (MMCO 5): the next
  /// picture's frame_num then continues from 0, as after an IDR.
  public var hasMemoryManagementReset: Bool { memoryManagementOperations.contains(5) }

  /// Whether `nalUnit` is a coded slice (type 1 or 5) that this parser reads.
  public static func isSlice(_ nalUnit: [UInt8]) -> Bool {
    guard let header = nalUnit.first else { return false }
    return header & 0x1F == 1 || header & 0x1F == 5
  }

  /// Parses the slice header of `nalUnit` (emulation prevention allowed) with the stream's
  /// parameter sets. Throws AVCError for a non-slice unit, a missing PPS/SPS, a field out of
  /// range, or a header that ends early.
  public init(nalUnit: [UInt8], parameterSets: AVCParameterSets) throws {
    try self.init(rbsp: NALUnits.rawByteSequencePayload(nalUnit), parameterSets: parameterSets)
  }

  /// Parses a slice header from the unit's RBSP (emulation prevention already removed).
  init(rbsp: [UInt8], parameterSets: AVCParameterSets) throws {
    guard let first = rbsp.first, first & 0x1F == 1 || first & 0x1F == 5 else {
      throw AVCError(
        "slice", byteOffset: 0,
        reason: "NAL unit type \(rbsp.first.map { $0 & 0x1F } ?? 0) is not a slice (1 or 5)")
    }
    nalUnitType = first & 0x1F
    nalRefIdc = (first >> 5) & 3
    var reader = BitReader(rbsp, name: "slice")
    _ = try reader.bits(8)  // NAL unit header
    firstMbInSlice = try reader.unsignedExpGolomb()
    sliceType = try reader.unsignedExpGolomb()
    guard sliceType <= 9 else {
      throw AVCError(
        "slice", byteOffset: reader.byteOffset, reason: "slice_type \(sliceType) > 9")
    }
    picParameterSetId = try reader.unsignedExpGolomb()
    guard picParameterSetId <= 255 else {
      throw AVCError(
        "slice", byteOffset: reader.byteOffset,
        reason: "pic_parameter_set_id \(picParameterSetId) > 255")
    }
    let (sps, pps) = try parameterSets.active(picParameterSetId: picParameterSetId)
    entropyCodingModeCABAC = pps.entropyCodingModeCABAC
    if sps.separateColourPlane { _ = try reader.bits(2) }  // colour_plane_id
    frameNumBitOffset = reader.bitOffset
    frameNumBitCount = sps.frameNumBitCount
    frameNum = try reader.bits(sps.frameNumBitCount)
    isFieldPicture = false
    if !sps.frameMbsOnly {
      isFieldPicture = try reader.flag()
      if isFieldPicture { _ = try reader.flag() }  // bottom_field_flag
    }
    idrPicId = nalUnitType == 5 ? try reader.unsignedExpGolomb() : nil
    let bottomFieldDelta = pps.bottomFieldPicOrderInFramePresent && !isFieldPicture
    if sps.picOrderCntType == 0 {
      _ = try reader.bits(sps.picOrderCntLsbBitCount)  // pic_order_cnt_lsb
      if bottomFieldDelta { _ = try reader.signedExpGolomb() }  // delta_pic_order_cnt_bottom
    }
    if sps.picOrderCntType == 1 && !sps.deltaPicOrderAlwaysZero {
      _ = try reader.signedExpGolomb()  // delta_pic_order_cnt[0]
      if bottomFieldDelta { _ = try reader.signedExpGolomb() }  // delta_pic_order_cnt[1]
    }
    if pps.redundantPicCntPresent { _ = try reader.unsignedExpGolomb() }  // redundant_pic_cnt
    let kind = sliceType % 5
    if kind == 1 { _ = try reader.flag() }  // direct_spatial_mv_pred_flag
    var refIdxL0ActiveMinus1 = pps.refIdxL0DefaultActiveMinus1
    var refIdxL1ActiveMinus1 = pps.refIdxL1DefaultActiveMinus1
    if kind == 0 || kind == 3 || kind == 1 {
      if try reader.flag() {  // num_ref_idx_active_override_flag
        refIdxL0ActiveMinus1 = try reader.unsignedExpGolomb()
        if kind == 1 { refIdxL1ActiveMinus1 = try reader.unsignedExpGolomb() }
      }
    }
    guard refIdxL0ActiveMinus1 <= 31, refIdxL1ActiveMinus1 <= 31 else {
      throw AVCError(
        "slice", byteOffset: reader.byteOffset, reason: "num_ref_idx_active_minus1 above 31")
    }
    if kind != 2 && kind != 4 { try Self.skipRefPicListModification(&reader) }  // list 0
    if kind == 1 { try Self.skipRefPicListModification(&reader) }  // list 1
    if (pps.weightedPrediction && (kind == 0 || kind == 3))
      || (pps.weightedBipredIdc == 1 && kind == 1)
    {
      try Self.skipPredWeightTable(
        &reader, chromaArrayType: sps.chromaArrayType,
        listSizes: kind == 1
          ? [refIdxL0ActiveMinus1 + 1, refIdxL1ActiveMinus1 + 1] : [refIdxL0ActiveMinus1 + 1])
    }
    adaptiveRefPicMarking = false
    memoryManagementOperations = []
    decRefPicMarkingBitRange = nil
    if nalRefIdc != 0 {
      let start = reader.bitOffset
      if nalUnitType == 5 {
        _ = try reader.flag()  // no_output_of_prior_pics_flag
        _ = try reader.flag()  // long_term_reference_flag
      } else {
        adaptiveRefPicMarking = try reader.flag()
        if adaptiveRefPicMarking {
          memoryManagementOperations = try Self.readMemoryManagementOperations(&reader)
        }
      }
      decRefPicMarkingBitRange = start..<reader.bitOffset
    }
    if pps.entropyCodingModeCABAC && kind != 2 && kind != 4 {
      _ = try reader.unsignedExpGolomb()  // cabac_init_idc
    }
    _ = try reader.signedExpGolomb()  // slice_qp_delta
    if kind == 3 || kind == 4 {
      if kind == 3 { _ = try reader.flag() }  // sp_for_switch_flag
      _ = try reader.signedExpGolomb()  // slice_qs_delta
    }
    if pps.deblockingFilterControlPresent {
      if try reader.unsignedExpGolomb() != 1 {  // disable_deblocking_filter_idc
        _ = try reader.signedExpGolomb()  // slice_alpha_c0_offset_div2
        _ = try reader.signedExpGolomb()  // slice_beta_offset_div2
      }
    }
    if let mapType = pps.sliceGroupMapType, (3...5).contains(mapType) {
      throw AVCError(
        "slice", byteOffset: reader.byteOffset,
        reason: "slice_group_change_cycle (slice group map type \(mapType)) is not supported")
    }
    headerEndBitOffset = reader.bitOffset
  }

  /// ref_pic_list_modification() for one list (§7.3.3.1).
  private static func skipRefPicListModification(_ reader: inout BitReader) throws {
    guard try reader.flag() else { return }  // ref_pic_list_modification_flag_lX
    for _ in 0..<33 {
      let idc = try reader.unsignedExpGolomb()  // modification_of_pic_nums_idc
      switch idc {
      // abs_diff_pic_num_minus1 / long_term_pic_num
      case 0, 1, 2: _ = try reader.unsignedExpGolomb()
      case 3: return
      default:
        throw AVCError(
          "slice", byteOffset: reader.byteOffset,
          reason: "modification_of_pic_nums_idc \(idc) > 3")
      }
    }
    throw AVCError(
      "slice", byteOffset: reader.byteOffset,
      reason: "ref_pic_list_modification has more than 32 entries")
  }

  /// pred_weight_table() (§7.3.3.2) for lists of the given sizes.
  private static func skipPredWeightTable(
    _ reader: inout BitReader, chromaArrayType: UInt32, listSizes: [UInt32]
  ) throws {
    _ = try reader.unsignedExpGolomb()  // luma_log2_weight_denom
    if chromaArrayType != 0 { _ = try reader.unsignedExpGolomb() }  // chroma_log2_weight_denom
    for size in listSizes {
      for _ in 0..<size {
        if try reader.flag() {  // luma_weight_lX_flag
          _ = try reader.signedExpGolomb()  // luma_weight
          _ = try reader.signedExpGolomb()  // luma_offset
        }
        if chromaArrayType != 0, try reader.flag() {  // chroma_weight_lX_flag
          for _ in 0..<4 { _ = try reader.signedExpGolomb() }  // weight, offset for Cb and Cr
        }
      }
    }
  }

  /// The memory_management_control_operation loop of dec_ref_pic_marking() (§7.3.3.3).
  private static func readMemoryManagementOperations(_ reader: inout BitReader) throws -> [UInt32] {
    var operations: [UInt32] = []
    for _ in 0..<66 {
      let operation = try reader.unsignedExpGolomb()
      switch operation {
      case 0: return operations
      case 1, 3: _ = try reader.unsignedExpGolomb()  // difference_of_pic_nums_minus1
      case 2: _ = try reader.unsignedExpGolomb()  // long_term_pic_num
      case 4: _ = try reader.unsignedExpGolomb()  // max_long_term_frame_idx_plus1
      case 5: break
      case 6: break
      default:
        throw AVCError(
          "slice", byteOffset: reader.byteOffset,
          reason: "memory_management_control_operation \(operation) > 6")
      }
      // long_term_frame_idx
      if operation == 3 || operation == 6 { _ = try reader.unsignedExpGolomb() }
      operations.append(operation)
    }
    throw AVCError(
      "slice", byteOffset: reader.byteOffset,
      reason: "dec_ref_pic_marking has more than 65 operations")
  }
}
