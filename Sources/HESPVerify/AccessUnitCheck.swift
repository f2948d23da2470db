import HESPAVC
import HESPMP4

/// H.264 access-unit structure of one sample (ITU-T H.264 §7.4.1.2.3) and parameter-set ids
/// (§7.4.1.2.1): what a decoder that reads an init packet on its own relies on.
enum AccessUnitCheck {
  /// Why the length-prefixed `sample` is not exactly one access unit with one picture whose
  /// parameter sets agree with `configuration` (the header's avcC); nil when it is.
  ///
  /// After the picture's last slice, an SEI, SPS, PPS, access unit delimiter or NAL unit type
  /// 14-18 starts a new access unit, and a slice with first_mb_in_slice 0 starts a new picture:
  /// a decoder then sees an access unit without a picture ("missing picture in access unit").
  /// An SPS or PPS in the sample with an id the avcC also defines, but other bytes, gives one id
  /// two meanings.
  static func problem(_ sample: [UInt8], configuration: AVCConfiguration) -> String? {
    guard let units = try? NALUnits.split(lengthPrefixed: sample) else {
      return "the sample is not a sequence of length-prefixed NAL units"
    }
    var sawSlice = false
    for (position, unit) in units.enumerated() {
      guard let header = unit.first else { continue }
      let type = header & 0x1F
      let isSlice = type == 1 || type == 5
      if isSlice {
        let startsPicture = unit.count > 1 && unit[1] & 0x80 != 0  // first_mb_in_slice = 0
        if sawSlice && startsPicture { return "NAL unit \(position) starts a second picture" }
        sawSlice = true
      } else if sawSlice && (6...9).contains(type) || sawSlice && (14...18).contains(type) {
        return
          "NAL unit \(position) (type \(type)) after the picture's slices starts a second access unit without a picture"
      }
      if type == 7 || type == 8,
        let clash = redefinition(unit, type: type, configuration: configuration)
      {
        return "NAL unit \(position) \(clash)"
      }
    }
    return sawSlice ? nil : "the sample holds no slice"
  }

  /// Ids defined twice with different bytes among the SPS (and among the PPS) of an avcC.
  static func duplicateIds(_ configuration: AVCConfiguration) -> String? {
    var spsById: [UInt32: [UInt8]] = [:]
    for unit in configuration.sequenceParameterSets {
      guard let id = try? SequenceParameterSet(nalUnit: unit).seqParameterSetId else { continue }
      if let other = spsById[id], other != unit {
        return "two different SPS with seq_parameter_set_id \(id)"
      }
      spsById[id] = unit
    }
    var ppsById: [UInt32: [UInt8]] = [:]
    for unit in configuration.pictureParameterSets {
      guard let id = try? PictureParameterSet(nalUnit: unit).picParameterSetId else { continue }
      if let other = ppsById[id], other != unit {
        return "two different PPS with pic_parameter_set_id \(id)"
      }
      ppsById[id] = unit
    }
    return nil
  }

  private static func redefinition(_ unit: [UInt8], type: UInt8, configuration: AVCConfiguration)
    -> String?
  {
    if type == 7 {
      guard let id = try? SequenceParameterSet(nalUnit: unit).seqParameterSetId else {
        return "is an SPS that does not parse"
      }
      let known = configuration.sequenceParameterSets.filter {
        (try? SequenceParameterSet(nalUnit: $0).seqParameterSetId) == id
      }
      return known.isEmpty || known.contains(unit)
        ? nil : "is an SPS with id \(id) that differs from the header's SPS \(id)"
    }
    guard let id = try? PictureParameterSet(nalUnit: unit).picParameterSetId else {
      return "is a PPS that does not parse"
    }
    let known = configuration.pictureParameterSets.filter {
      (try? PictureParameterSet(nalUnit: $0).picParameterSetId) == id
    }
    return known.isEmpty || known.contains(unit)
      ? nil : "is a PPS with id \(id) that differs from the header's PPS \(id)"
  }
}
