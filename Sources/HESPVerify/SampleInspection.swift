import HESPAVC
import HESPMP4

/// NAL-level looks into a length-prefixed H.264 sample.
enum SampleInspection {
  /// True when the sample holds an IDR slice (NAL unit type 5).
  static func containsIDR(_ data: [UInt8]) -> Bool {
    guard let units = try? NALUnits.split(lengthPrefixed: data) else { return false }
    return units.contains { ($0.first ?? 0) & 0x1F == 5 }
  }
}
