import HESPMP4

/// NAL-level looks into a length-prefixed H.264 sample.
enum SampleInspection {
  /// True when the sample holds an IDR slice (NAL unit type 5).
  static func containsIDR(_ data: [UInt8]) -> Bool {
    guard let units = try? NALUnits.split(lengthPrefixed: data) else { return false }
    return units.contains { ($0.first ?? 0) & 0x1F == 5 }
  }

  /// The first slice's header and nal_ref_idc, parsed with `sps`.
  static func firstSlice(_ data: [UInt8], sps: SequenceParameterSet) throws -> (header: SliceHeader, isReference: Bool)? {
    for unit in try NALUnits.split(lengthPrefixed: data) where SliceHeader.isSlice(unit) {
      return (try SliceHeader(nalUnit: unit, sps: sps), unit[0] & 0x60 != 0)
    }
    return nil
  }
}
