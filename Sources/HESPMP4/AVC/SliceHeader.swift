/// The start of an H.264 slice header (ITU-T H.264 §7.3.3) up to `frame_num`, and the in-place
/// `frame_num` rewrite that makes a HESP splice conformant.
///
/// After an initialization IDR (frame_num 0) for frame k, the continuation's frame k+1 keeps the
/// frame_num it had in its own GOP, a gap that `gaps_in_frame_num_value_allowed_flag = 0` forbids.
/// Renumbering the continuation's slices from k+1 to the next IDR as 1, 2, 3... (mod MaxFrameNum)
/// removes the gap without changing the decoded pictures (`../shared/reference/splice-experiment.md` §5).
/// frame_num is a fixed-width field, so only emulation prevention can change the unit's length.
public struct SliceHeader: Sendable, Equatable {
  /// 1 (non-IDR slice) or 5 (IDR slice).
  public var nalUnitType: UInt8
  /// first_mb_in_slice (0 for the first slice of a picture).
  public var firstMbInSlice: UInt32
  /// slice_type (0 P, 1 B, 2 I, ... +5 when all slices of the picture share it).
  public var sliceType: UInt32
  /// pic_parameter_set_id.
  public var picParameterSetId: UInt32
  /// frame_num (0 in IDR pictures).
  public var frameNum: UInt32
  /// Bit offset of frame_num in the unit's RBSP (NAL header byte included).
  public var frameNumBitOffset: Int
  /// Width of frame_num in bits (from the SPS).
  public var frameNumBitCount: Int

  /// Whether `nalUnit` is a coded slice (type 1 or 5) that this parser reads.
  public static func isSlice(_ nalUnit: [UInt8]) -> Bool {
    guard let header = nalUnit.first else { return false }
    return header & 0x1F == 1 || header & 0x1F == 5
  }

  /// Parses the slice header start of `nalUnit` (emulation prevention allowed) with the active SPS.
  public init(nalUnit: [UInt8], sps: SequenceParameterSet) throws {
    guard Self.isSlice(nalUnit) else {
      throw MP4Error(
        box: "slice", byteOffset: 0,
        reason: "NAL unit type \(nalUnit.first.map { $0 & 0x1F } ?? 0) is not a slice (1 or 5)")
    }
    nalUnitType = nalUnit[0] & 0x1F
    var reader = BitReader(NALUnits.rawByteSequencePayload(nalUnit), name: "slice")
    _ = try reader.bits(8)  // NAL unit header
    firstMbInSlice = try reader.unsignedExpGolomb()
    sliceType = try reader.unsignedExpGolomb()
    guard sliceType <= 9 else {
      throw MP4Error(
        box: "slice", byteOffset: reader.byteOffset, reason: "slice_type \(sliceType) > 9")
    }
    picParameterSetId = try reader.unsignedExpGolomb()
    guard picParameterSetId <= 255 else {
      throw MP4Error(
        box: "slice", byteOffset: reader.byteOffset,
        reason: "pic_parameter_set_id \(picParameterSetId) > 255")
    }
    if sps.separateColourPlane { _ = try reader.bits(2) }  // colour_plane_id
    frameNumBitOffset = reader.bitOffset
    frameNumBitCount = sps.frameNumBitCount
    frameNum = try reader.bits(sps.frameNumBitCount)
  }

  /// `nalUnit` with frame_num set to `frameNum` mod MaxFrameNum; emulation prevention is redone.
  public static func rewritingFrameNum(
    of nalUnit: [UInt8], sps: SequenceParameterSet, to frameNum: UInt32
  ) throws -> [UInt8] {
    let header = try SliceHeader(nalUnit: nalUnit, sps: sps)
    var rbsp = NALUnits.rawByteSequencePayload(nalUnit)
    let value = frameNum & ((1 << UInt32(header.frameNumBitCount)) - 1)
    for bit in 0..<header.frameNumBitCount {
      let position = header.frameNumBitOffset + bit
      let mask = UInt8(0x80) >> UInt8(position & 7)
      if (value >> UInt32(header.frameNumBitCount - 1 - bit)) & 1 == 1 {
        rbsp[position >> 3] |= mask
      } else {
        rbsp[position >> 3] &= ~mask
      }
    }
    return NALUnits.addingEmulationPrevention(rbsp)
  }

  /// A length-prefixed sample (4-byte lengths) with the frame_num of every slice set to
  /// `frameNum`; other NAL units are copied unchanged.
  public static func rewritingFrameNum(
    inSample data: [UInt8], sps: SequenceParameterSet, to frameNum: UInt32
  ) throws -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(data.count + 4)
    for unit in try NALUnits.split(lengthPrefixed: data) {
      let rewritten = isSlice(unit) ? try rewritingFrameNum(of: unit, sps: sps, to: frameNum) : unit
      let count = UInt32(rewritten.count)
      out += [
        UInt8(count >> 24), UInt8((count >> 16) & 0xFF), UInt8((count >> 8) & 0xFF),
        UInt8(count & 0xFF),
      ]
      out += rewritten
    }
    return out
  }
}
