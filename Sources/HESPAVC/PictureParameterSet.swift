/// The fields of an H.264 picture parameter set (ITU-T H.264 §7.3.2.2) that decide the layout
/// of a slice header: which optional fields are present, and how slice data begins.
public struct PictureParameterSet: Sendable, Equatable {
  /// pic_parameter_set_id (0-255).
  public var picParameterSetId: UInt32
  /// seq_parameter_set_id of the SPS this PPS refers to (0-31).
  public var seqParameterSetId: UInt32
  /// entropy_coding_mode_flag: true for CABAC (slice data starts byte-aligned), false for CAVLC.
  public var entropyCodingModeCABAC: Bool
  /// bottom_field_pic_order_in_frame_present_flag (slice headers carry delta_pic_order_cnt_bottom).
  public var bottomFieldPicOrderInFramePresent: Bool
  /// num_slice_groups_minus1 (flexible macroblock ordering when above 0).
  public var sliceGroupCountMinus1: UInt32
  /// slice_group_map_type when there are slice groups (3-5 add slice_group_change_cycle to
  /// slice headers); nil without.
  public var sliceGroupMapType: UInt32?
  /// num_ref_idx_l0_default_active_minus1.
  public var refIdxL0DefaultActiveMinus1: UInt32
  /// num_ref_idx_l1_default_active_minus1.
  public var refIdxL1DefaultActiveMinus1: UInt32
  /// weighted_pred_flag: P slices carry a pred_weight_table (x264 `weightp`).
  public var weightedPrediction: Bool
  /// weighted_bipred_idc (B slices carry a pred_weight_table when 1).
  public var weightedBipredIdc: UInt32
  /// deblocking_filter_control_present_flag.
  public var deblockingFilterControlPresent: Bool
  /// redundant_pic_cnt_present_flag.
  public var redundantPicCntPresent: Bool

  /// Parses a PPS NAL unit (header byte included, emulation prevention bytes allowed). Fields
  /// after redundant_pic_cnt_present_flag (the High-profile 8x8 transform and scaling lists) do
  /// not change the slice header and are not read.
  public init(nalUnit: [UInt8]) throws {
    guard nalUnit.first.map({ $0 & 0x1F == 8 }) == true else {
      throw AVCError(
        "PPS", byteOffset: 0,
        reason: "NAL unit type \(nalUnit.first.map { $0 & 0x1F } ?? 0) is not 8 (PPS)")
    }
    var reader = BitReader(Array(NALUnits.rawByteSequencePayload(nalUnit).dropFirst()), name: "PPS")
    picParameterSetId = try reader.unsignedExpGolomb()
    seqParameterSetId = try reader.unsignedExpGolomb()
    guard picParameterSetId <= 255, seqParameterSetId <= 31 else {
      throw AVCError(
        "PPS", byteOffset: 1,
        reason:
          "pic_parameter_set_id \(picParameterSetId) > 255 or seq_parameter_set_id \(seqParameterSetId) > 31"
      )
    }
    entropyCodingModeCABAC = try reader.flag()
    bottomFieldPicOrderInFramePresent = try reader.flag()
    sliceGroupCountMinus1 = try reader.unsignedExpGolomb(
      atMost: 7, "num_slice_groups_minus1", byteBase: 1)
    sliceGroupMapType = nil
    if sliceGroupCountMinus1 > 0 {
      // Flexible macroblock ordering (Baseline only): the map itself is skipped.
      sliceGroupMapType = try Self.skipSliceGroupMap(
        &reader, groupCount: Int(sliceGroupCountMinus1) + 1)
    }
    refIdxL0DefaultActiveMinus1 = try reader.unsignedExpGolomb(
      atMost: 31, "num_ref_idx_l0_default_active_minus1", byteBase: 1)
    refIdxL1DefaultActiveMinus1 = try reader.unsignedExpGolomb(
      atMost: 31, "num_ref_idx_l1_default_active_minus1", byteBase: 1)
    weightedPrediction = try reader.flag()
    weightedBipredIdc = try reader.bits(2)
    _ = try reader.signedExpGolomb()  // pic_init_qp_minus26
    _ = try reader.signedExpGolomb()  // pic_init_qs_minus26
    _ = try reader.signedExpGolomb()  // chroma_qp_index_offset
    deblockingFilterControlPresent = try reader.flag()
    _ = try reader.flag()  // constrained_intra_pred_flag
    redundantPicCntPresent = try reader.flag()
  }

  /// Reads past the slice group map; returns slice_group_map_type.
  private static func skipSliceGroupMap(_ reader: inout BitReader, groupCount: Int) throws
    -> UInt32
  {
    let mapType = try reader.unsignedExpGolomb(atMost: 6, "slice_group_map_type", byteBase: 1)
    switch mapType {
    case 0:
      for _ in 0..<groupCount { _ = try reader.unsignedExpGolomb() }  // run_length_minus1
    case 2:
      for _ in 0..<(groupCount - 1) {
        _ = try reader.unsignedExpGolomb()  // top_left
        _ = try reader.unsignedExpGolomb()  // bottom_right
      }
    case 3, 4, 5:
      _ = try reader.flag()  // slice_group_change_direction_flag
      _ = try reader.unsignedExpGolomb()  // slice_group_change_rate_minus1
    case 6:
      // 139 264 macroblocks per picture is the most any level allows.
      let mapUnits =
        Int(
          try reader.unsignedExpGolomb(atMost: 139_263, "pic_size_in_map_units_minus1", byteBase: 1)
        )
        + 1
      var bitsPerId = 0
      while (1 << bitsPerId) < groupCount { bitsPerId += 1 }
      for _ in 0..<mapUnits { _ = try reader.bits(bitsPerId) }
    default:  // 1: dispersed, no parameters
      break
    }
    return mapType
  }
}
