import HESPAVC

/// SPS/PPS of an H.264 stream and what is derived from them.
public struct AVCConfiguration: Sendable, Equatable {
  /// SPS NAL units without start codes/length prefixes.
  public var sequenceParameterSets: [[UInt8]]
  /// PPS NAL units without start codes/length prefixes.
  public var pictureParameterSets: [[UInt8]]

  /// Takes the parameter sets as given; `validated()` checks them.
  public init(sequenceParameterSets: [[UInt8]], pictureParameterSets: [[UInt8]]) {
    self.sequenceParameterSets = sequenceParameterSets
    self.pictureParameterSets = pictureParameterSets
  }

  /// Parses libavcodec/x264 extradata: an avcC record or Annex B start-code NAL units. Throws
  /// MP4Error (the record) or AVCError (a parameter set).
  ///
  /// Annex B extradata keeps its SPS (type 7) and PPS (type 8) units; other units (x264's
  /// version SEI) are not parameter sets and are left out.
  public init(extradata: [UInt8]) throws {
    guard let first = extradata.first else {
      throw MP4Error(box: "extradata", byteOffset: 0, reason: "is empty")
    }
    if first == 1 {
      self = try Self(decoderConfigurationRecord: extradata)
    } else {
      let units = try NALUnits.split(annexB: extradata)
      self.init(
        sequenceParameterSets: units.filter { $0[0] & 0x1F == 7 },
        pictureParameterSets: units.filter { $0[0] & 0x1F == 8 })
    }
    try validate()
  }

  /// Parses an avcC payload (ISO/IEC 14496-15 §5.3.3.1), the body of an `avcC` box.
  public init(decoderConfigurationRecord record: [UInt8], boxOffset: Int = 0) throws {
    var reader = ByteReader(record, box: "avcC", baseOffset: boxOffset)
    let version = try reader.u8()
    guard version == 1 else {
      throw MP4Error(
        box: "avcC", byteOffset: boxOffset, reason: "configurationVersion \(version) is not 1")
    }
    try reader.skip(3)  // profile, compatibility, level: taken from the SPS
    let lengthSize = Int(try reader.u8() & 3) + 1
    guard lengthSize == 4 else {
      throw MP4Error(
        box: "avcC", byteOffset: boxOffset + 4,
        reason: "NAL length size \(lengthSize) is not 4 (unsupported)")
    }
    var sets: [[UInt8]] = []
    let spsCount = Int(try reader.u8() & 0x1F)
    for _ in 0..<spsCount { sets.append(try reader.bytes(Int(try reader.u16()))) }
    var pictureSets: [[UInt8]] = []
    let ppsCount = Int(try reader.u8())
    for _ in 0..<ppsCount { pictureSets.append(try reader.bytes(Int(try reader.u16()))) }
    self.init(sequenceParameterSets: sets, pictureParameterSets: pictureSets)
  }

  /// The first SPS, parsed. Throws MP4Error when there is none, AVCError when it is malformed.
  public var sequenceParameterSet: SequenceParameterSet {
    get throws {
      guard let sps = sequenceParameterSets.first else {
        throw MP4Error(box: "avcC", byteOffset: 0, reason: "has no sequence parameter set")
      }
      return try SequenceParameterSet(nalUnit: sps)
    }
  }

  /// Checks that there is at least one SPS and one PPS, that every SPS parses, that all
  /// units have the right NAL type and fit avcC's 16-bit lengths and 5-bit/8-bit counts.
  public func validate() throws {
    guard !sequenceParameterSets.isEmpty else {
      throw MP4Error(box: "avcC", byteOffset: 0, reason: "has no sequence parameter set")
    }
    guard !pictureParameterSets.isEmpty else {
      throw MP4Error(box: "avcC", byteOffset: 0, reason: "has no picture parameter set")
    }
    guard sequenceParameterSets.count <= 31, pictureParameterSets.count <= 255 else {
      throw MP4Error(box: "avcC", byteOffset: 0, reason: "too many parameter sets")
    }
    for sps in sequenceParameterSets { _ = try SequenceParameterSet(nalUnit: sps) }
    for pps in pictureParameterSets {
      guard let header = pps.first, header & 0x1F == 8 else {
        throw MP4Error(box: "PPS", byteOffset: 0, reason: "is empty or not NAL unit type 8")
      }
    }
    for unit in sequenceParameterSets + pictureParameterSets where unit.count > 0xFFFF {
      throw MP4Error(
        box: "avcC", byteOffset: 0, reason: "parameter set of \(unit.count) bytes exceeds 65535")
    }
  }

  /// RFC 6381, e.g. "avc1.64001f": the avcC's profile, compatibility and level bytes (the first
  /// SPS's profile; with several SPS, the compatibility flags all of them set and the highest
  /// level, ISO/IEC 14496-15 §5.3.3.1.2).
  public var codecString: String {
    "avc1."
      + [profileBytes.profile, profileBytes.compatibility, profileBytes.level].map(
        SequenceParameterSet.hex
      ).joined()
  }

  /// avcC payload: the AVCDecoderConfigurationRecord of ISO/IEC 14496-15 §5.3.3.1, with
  /// 4-byte NAL lengths and, for profiles other than Baseline/Main/Extended, the
  /// chroma_format/bit_depth extension (numOfSequenceParameterSetExt = 0).
  ///
  /// Expects a configuration that passes `validate()` (as `init(extradata:)` guarantees).
  public var decoderConfigurationRecord: [UInt8] {
    let bytes = profileBytes
    var writer = ByteWriter()
    writer.u8(1)
    writer.u8(bytes.profile)
    writer.u8(bytes.compatibility)
    writer.u8(bytes.level)
    writer.u8(0xFC | 3)  // reserved + lengthSizeMinusOne
    writer.u8(0xE0 | UInt8(min(sequenceParameterSets.count, 31)))
    for sps in sequenceParameterSets.prefix(31) {
      writer.u16(UInt16(truncatingIfNeeded: sps.count))
      writer.bytes(sps)
    }
    writer.u8(UInt8(min(pictureParameterSets.count, 255)))
    for pps in pictureParameterSets.prefix(255) {
      writer.u16(UInt16(truncatingIfNeeded: pps.count))
      writer.bytes(pps)
    }
    if ![66, 77, 88].contains(bytes.profile) {
      let sps = try? sequenceParameterSet
      writer.u8(0xFC | UInt8(truncatingIfNeeded: sps?.chromaFormatIdc ?? 1))
      writer.u8(0xF8 | UInt8(truncatingIfNeeded: sps?.bitDepthLumaMinus8 ?? 0))
      writer.u8(0xF8 | UInt8(truncatingIfNeeded: sps?.bitDepthChromaMinus8 ?? 0))
      writer.u8(0)
    }
    return writer.bytes
  }

  private var profileBytes: (profile: UInt8, compatibility: UInt8, level: UInt8) {
    let all = sequenceParameterSets.map { NALUnits.rawByteSequencePayload(Array($0.prefix(8))) }
    guard let first = all.first, first.count >= 4 else { return (0, 0, 0) }
    let others = all.dropFirst().filter { $0.count >= 4 }
    return (
      first[1], others.reduce(first[2]) { $0 & $1[2] }, others.reduce(first[3]) { max($0, $1[3]) }
    )
  }
}
