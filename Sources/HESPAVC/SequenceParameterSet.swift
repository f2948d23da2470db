/// The fields of an H.264 sequence parameter set (ITU-T H.264 §7.3.2.1.1) that a container
/// needs: profile and level for the codec string and avcC, chroma format and bit depths for the
/// avcC High-profile extension, the frame_num width, and the cropped picture size.
public struct SequenceParameterSet: Sendable, Equatable {
  /// profile_idc (66 Baseline, 77 Main, 100 High, 244 High 4:4:4).
  public var profileIndication: UInt8
  /// constraint_set0..5 flags and the two reserved bits (the byte between profile and level).
  public var profileCompatibility: UInt8
  /// level_idc (31 = level 3.1).
  public var levelIndication: UInt8
  /// seq_parameter_set_id (0-31).
  public var seqParameterSetId: UInt32
  /// 0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4 (1 when the profile does not signal it).
  public var chromaFormatIdc: UInt32
  /// bit_depth_luma_minus8 (0 when the profile does not signal it).
  public var bitDepthLumaMinus8: UInt32
  /// bit_depth_chroma_minus8 (0 when the profile does not signal it).
  public var bitDepthChromaMinus8: UInt32
  /// separate_colour_plane_flag (4:4:4 coded as three planes; slice headers then carry colour_plane_id).
  public var separateColourPlane: Bool
  /// log2_max_frame_num_minus4 + 4: the bit width of frame_num in slice headers.
  public var frameNumBitCount: Int
  /// pic_order_cnt_type (0-2; x264 without B-frames writes 2).
  public var picOrderCntType: UInt32
  /// log2_max_pic_order_cnt_lsb_minus4 + 4: the width of pic_order_cnt_lsb (POC type 0; else 0).
  public var picOrderCntLsbBitCount: Int
  /// delta_pic_order_always_zero_flag (POC type 1; false otherwise).
  public var deltaPicOrderAlwaysZero: Bool
  /// max_num_ref_frames: how many reference frames the decoder keeps (x264 `ref`).
  public var maxNumRefFrames: UInt32
  /// gaps_in_frame_num_value_allowed_flag.
  public var gapsInFrameNumAllowed: Bool
  /// frame_mbs_only_flag: progressive frames only.
  public var frameMbsOnly: Bool
  /// Picture size after the SPS cropping window, in luma samples.
  public var width: Int
  /// Picture height after cropping, in luma samples.
  public var height: Int

  /// Profiles whose SPS carries chroma_format_idc and bit depths (H.264 §7.3.2.1.1).
  static let highProfiles: Set<UInt8> = [
    100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135,
  ]

  /// Parses an SPS NAL unit (header byte included, emulation prevention bytes allowed).
  public init(nalUnit: [UInt8]) throws {
    guard nalUnit.count >= 4 else {
      throw AVCError("SPS", byteOffset: 0, reason: "\(nalUnit.count) bytes, needs at least 4")
    }
    guard nalUnit[0] & 0x1F == 7 else {
      throw AVCError(
        "SPS", byteOffset: 0, reason: "NAL unit type \(nalUnit[0] & 0x1F) is not 7 (SPS)")
    }
    var reader = BitReader(Array(NALUnits.rawByteSequencePayload(nalUnit).dropFirst()), name: "SPS")
    profileIndication = UInt8(try reader.bits(8))
    profileCompatibility = UInt8(try reader.bits(8))
    levelIndication = UInt8(try reader.bits(8))
    seqParameterSetId = try reader.unsignedExpGolomb()
    guard seqParameterSetId <= 31 else {
      throw AVCError(
        "SPS", byteOffset: 4, reason: "seq_parameter_set_id \(seqParameterSetId) > 31")
    }
    chromaFormatIdc = 1
    bitDepthLumaMinus8 = 0
    bitDepthChromaMinus8 = 0
    separateColourPlane = false
    if Self.highProfiles.contains(profileIndication) {
      chromaFormatIdc = try reader.unsignedExpGolomb()
      guard chromaFormatIdc <= 3 else {
        throw AVCError(
          "SPS", byteOffset: reader.byteOffset + 1,
          reason: "chroma_format_idc \(chromaFormatIdc) > 3")
      }
      if chromaFormatIdc == 3 { separateColourPlane = try reader.flag() }
      bitDepthLumaMinus8 = try reader.unsignedExpGolomb()
      bitDepthChromaMinus8 = try reader.unsignedExpGolomb()
      guard bitDepthLumaMinus8 <= 6, bitDepthChromaMinus8 <= 6 else {
        throw AVCError("SPS", byteOffset: reader.byteOffset + 1, reason: "bit depth above 14")
      }
      _ = try reader.flag()  // qpprime_y_zero_transform_bypass_flag
      if try reader.flag() {  // seq_scaling_matrix_present_flag
        let listCount = chromaFormatIdc == 3 ? 12 : 8
        for index in 0..<listCount where try reader.flag() {
          try Self.skipScalingList(&reader, size: index < 6 ? 16 : 64)
        }
      }
    }
    let log2MaxFrameNumMinus4 = try reader.unsignedExpGolomb(
      atMost: 12, "log2_max_frame_num_minus4", byteBase: 1)
    frameNumBitCount = Int(log2MaxFrameNumMinus4) + 4
    picOrderCntType = try reader.unsignedExpGolomb()
    picOrderCntLsbBitCount = 0
    deltaPicOrderAlwaysZero = false
    switch picOrderCntType {
    case 0:
      let log2MaxLsbMinus4 = try reader.unsignedExpGolomb(
        atMost: 12, "log2_max_pic_order_cnt_lsb_minus4", byteBase: 1)
      picOrderCntLsbBitCount = Int(log2MaxLsbMinus4) + 4
    case 1:
      deltaPicOrderAlwaysZero = try reader.flag()
      _ = try reader.signedExpGolomb()  // offset_for_non_ref_pic
      _ = try reader.signedExpGolomb()  // offset_for_top_to_bottom_field
      let cycleLength = try reader.unsignedExpGolomb(
        atMost: 255, "num_ref_frames_in_pic_order_cnt_cycle", byteBase: 1)
      for _ in 0..<cycleLength { _ = try reader.signedExpGolomb() }
    case 2:
      break
    default:
      throw AVCError(
        "SPS", byteOffset: reader.byteOffset + 1,
        reason: "pic_order_cnt_type \(picOrderCntType) > 2")
    }
    maxNumRefFrames = try reader.unsignedExpGolomb()
    gapsInFrameNumAllowed = try reader.flag()
    let widthInMbs = Int(try reader.unsignedExpGolomb()) + 1
    let heightInMapUnits = Int(try reader.unsignedExpGolomb()) + 1
    frameMbsOnly = try reader.flag()
    if !frameMbsOnly { _ = try reader.flag() }  // mb_adaptive_frame_field_flag
    _ = try reader.flag()  // direct_8x8_inference_flag
    var crop = (left: 0, right: 0, top: 0, bottom: 0)
    if try reader.flag() {
      crop = (
        Int(try reader.unsignedExpGolomb()), Int(try reader.unsignedExpGolomb()),
        Int(try reader.unsignedExpGolomb()), Int(try reader.unsignedExpGolomb())
      )
    }
    let chromaArrayType = separateColourPlane ? 0 : chromaFormatIdc
    let cropUnitX = chromaArrayType == 0 ? 1 : (chromaArrayType == 3 ? 1 : 2)
    let heightFactor = frameMbsOnly ? 1 : 2
    let cropUnitY = (chromaArrayType == 0 ? 1 : (chromaArrayType == 1 ? 2 : 1)) * heightFactor
    let codedWidth = widthInMbs * 16
    let codedHeight = heightInMapUnits * 16 * heightFactor
    width = codedWidth - cropUnitX * (crop.left + crop.right)
    height = codedHeight - cropUnitY * (crop.top + crop.bottom)
    // 4096 macroblocks (65536 pixels) per side is beyond every H.264 level (6.2 allows
    // 139264 macroblocks per frame, e.g. 1055 x 132).
    guard widthInMbs <= 4096, heightInMapUnits <= 4096, width > 0, height > 0 else {
      throw AVCError(
        "SPS", byteOffset: reader.byteOffset,
        reason: "picture size \(width)x\(height) is invalid")
    }
  }

  /// ChromaArrayType (H.264 §7.4.2.1.1): 0 for monochrome or separate colour planes, else
  /// chroma_format_idc. Slice headers carry chroma weights only when it is not 0.
  public var chromaArrayType: UInt32 { separateColourPlane ? 0 : chromaFormatIdc }

  /// RFC 6381 codec string: `avc1.PPCCLL` in lowercase hex.
  public var codecString: String {
    "avc1." + [profileIndication, profileCompatibility, levelIndication].map(Self.hex).joined()
  }

  package static func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789abcdef")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
  }

  private static func skipScalingList(_ reader: inout BitReader, size: Int) throws {
    var lastScale = 8
    var nextScale = 8
    for _ in 0..<size where nextScale != 0 {
      let delta = try reader.signedExpGolomb()
      nextScale = (lastScale + delta + 256) % 256
      lastScale = nextScale == 0 ? lastScale : nextScale
    }
  }
}
