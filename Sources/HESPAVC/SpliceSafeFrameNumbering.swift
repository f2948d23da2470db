/// Rewrites a HESP continuation stream so that a splice at any frame is conformant H.264.
///
/// A splice decodes init IDR n (frame_num 0) and then continuation frame n+1, whose frame_num
/// counts from its own GOP's IDR: a gap that `gaps_in_frame_num_value_allowed_flag = 0` forbids
/// (H.264 §7.4.3). The experiment's fix renumbers the continuation relative to one splice
/// point (`../shared/reference/splice-experiment.md` §5), which a stored stream cannot do for
/// every n at once. This rewrite can: every non-IDR picture gets frame_num 1, and every
/// reference picture among them `memory_management_control_operation` 5 ("mark all reference
/// pictures unused", §8.2.5.4.6). After an MMCO-5 picture its frame_num counts as 0, exactly as
/// after an IDR, so whatever came before frame n+1 (the continuation's frame n or init IDR n),
/// frame n+1 is the expected frame_num 1.
///
/// The decoded pictures do not change when the stream has at most one reference frame
/// (`max_num_ref_frames` <= 1, x264 `ref=1`): MMCO 5 acts after the picture is decoded and
/// leaves that picture as the only reference, which the sliding window would have done anyway.
/// Picture order count type 2 (no B-frames) keeps output order equal to decoding order.
/// Each rewritten slice header grows by 6 bits.
public enum SpliceSafeFrameNumbering {
  /// The frame_num of every non-IDR picture after the rewrite.
  public static let frameNum: UInt32 = 1

  /// Throws AVCError when rewriting a stream with this SPS could change its pictures or order.
  public static func validate(_ sps: SequenceParameterSet) throws {
    guard sps.maxNumRefFrames <= 1 else {
      throw AVCError(
        "SPS", byteOffset: 0,
        reason:
          "max_num_ref_frames \(sps.maxNumRefFrames) > 1: memory_management_control_operation 5 would drop references the stream predicts from (encode with ref=1)"
      )
    }
    guard sps.picOrderCntType == 2 else {
      throw AVCError(
        "SPS", byteOffset: 0,
        reason:
          "pic_order_cnt_type \(sps.picOrderCntType) is not 2: only streams without B-frames keep their output order after memory_management_control_operation 5"
      )
    }
    guard sps.frameMbsOnly else {
      throw AVCError(
        "SPS", byteOffset: 0,
        reason: "interlaced streams (frame_mbs_only_flag 0) are not supported")
    }
  }

  /// A length-prefixed sample (4-byte lengths) with every slice rewritten; other NAL units
  /// (SEI, parameter sets) are copied unchanged.
  public static func rewriting(sample: [UInt8], parameterSets: AVCParameterSets) throws -> [UInt8] {
    try SliceHeader.mappingSlices(inSample: sample) {
      try rewriting(nalUnit: $0, parameterSets: parameterSets)
    }
  }

  /// One slice NAL unit rewritten (an IDR slice is returned unchanged). Rewriting twice gives
  /// the same bytes as rewriting once.
  public static func rewriting(nalUnit: [UInt8], parameterSets: AVCParameterSets) throws -> [UInt8]
  {
    let rbsp = NALUnits.rawByteSequencePayload(nalUnit)
    let header = try SliceHeader(rbsp: rbsp, parameterSets: parameterSets)
    if header.nalUnitType == 5 { return nalUnit }
    try validate(try parameterSets.active(picParameterSetId: header.picParameterSetId).sps)
    var writer = BitWriter(reservingCapacity: rbsp.count + 2)
    writer.copyBits(of: rbsp, 0..<header.frameNumBitOffset)
    writer.bits(frameNum, count: header.frameNumBitCount)
    let frameNumEnd = header.frameNumBitOffset + header.frameNumBitCount
    if let marking = header.decRefPicMarkingBitRange {
      writer.copyBits(of: rbsp, frameNumEnd..<marking.lowerBound)
      writer.bit(true)  // adaptive_ref_pic_marking_mode_flag
      writer.unsignedExpGolomb(5)  // memory_management_control_operation: mark all unused
      writer.unsignedExpGolomb(0)  // end of the operations
      writer.copyBits(of: rbsp, marking.upperBound..<header.headerEndBitOffset)
    } else {
      writer.copyBits(of: rbsp, frameNumEnd..<header.headerEndBitOffset)
    }
    if header.entropyCodingModeCABAC {
      try appendCABACSliceData(rbsp, from: header.headerEndBitOffset, to: &writer)
    } else {
      try appendCAVLCSliceData(rbsp, from: header.headerEndBitOffset, to: &writer)
    }
    return NALUnits.addingEmulationPrevention(writer.bytes)
  }

  /// CABAC slice data starts at a byte boundary after cabac_alignment_one_bits: the alignment
  /// is redone for the new header length and the data bytes are copied as they are.
  private static func appendCABACSliceData(
    _ rbsp: [UInt8], from headerEnd: Int, to writer: inout BitWriter
  ) throws {
    let dataStart = (headerEnd + 7) & ~7
    for position in headerEnd..<dataStart
    where (rbsp[position >> 3] >> UInt8(7 - position & 7)) & 1 == 0 {
      throw AVCError(
        "slice", byteOffset: position >> 3, reason: "cabac_alignment_one_bit is 0")
    }
    while !writer.isByteAligned { writer.bit(true) }
    writer.append(alignedBytes: rbsp[(dataStart >> 3)...])
  }

  /// CAVLC slice data follows the header bit for bit: it is shifted up to and including the
  /// rbsp_stop_one_bit, then padded with zero bits to a byte.
  private static func appendCAVLCSliceData(
    _ rbsp: [UInt8], from headerEnd: Int, to writer: inout BitWriter
  ) throws {
    guard let lastByte = rbsp.lastIndex(where: { $0 != 0 }) else {
      throw AVCError("slice", byteOffset: 0, reason: "has no rbsp_stop_one_bit")
    }
    let stopBit = lastByte * 8 + 7 - rbsp[lastByte].trailingZeroBitCount
    guard stopBit >= headerEnd else {
      throw AVCError(
        "slice", byteOffset: lastByte, reason: "rbsp_stop_one_bit lies inside the slice header"
      )
    }
    writer.copyBits(of: rbsp, headerEnd..<stopBit + 1)
    while !writer.isByteAligned { writer.bit(false) }
  }
}
