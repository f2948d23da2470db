extension SliceHeader {
  /// `nalUnit` with frame_num set to `frameNum` mod MaxFrameNum, in place: the experiment's
  /// renumbering relative to one splice point (`../shared/reference/splice-experiment.md` §5).
  /// frame_num is a fixed-width field, so only emulation prevention can change the length.
  public static func rewritingFrameNum(
    of nalUnit: [UInt8], parameterSets: AVCParameterSets, to frameNum: UInt32
  ) throws -> [UInt8] {
    var rbsp = NALUnits.rawByteSequencePayload(nalUnit)
    let header = try SliceHeader(rbsp: rbsp, parameterSets: parameterSets)
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
    inSample data: [UInt8], parameterSets: AVCParameterSets, to frameNum: UInt32
  ) throws -> [UInt8] {
    try mappingSlices(inSample: data) {
      try rewritingFrameNum(of: $0, parameterSets: parameterSets, to: frameNum)
    }
  }

  /// A length-prefixed sample (4-byte lengths) with every slice NAL unit replaced by
  /// `transform`'s result; other NAL units (SEI, parameter sets) are copied unchanged.
  static func mappingSlices(
    inSample data: [UInt8], _ transform: ([UInt8]) throws -> [UInt8]
  ) throws -> [UInt8] {
    NALUnits.joinedLengthPrefixed(
      try NALUnits.split(lengthPrefixed: data).map { isSlice($0) ? try transform($0) : $0 })
  }

  /// The first slice header of a length-prefixed sample; nil when it holds no slice.
  public static func firstSlice(
    inSample data: [UInt8], parameterSets: AVCParameterSets
  ) throws -> SliceHeader? {
    guard let unit = try NALUnits.split(lengthPrefixed: data).first(where: isSlice) else {
      return nil
    }
    return try SliceHeader(nalUnit: unit, parameterSets: parameterSets)
  }
}
