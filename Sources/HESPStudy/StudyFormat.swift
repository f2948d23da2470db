import Foundation

/// Fixed-format numbers for tables and CSV (no locale, no exponent).
enum StudyFormat {
  static func number(_ value: Double?, decimals: Int) -> String {
    guard let value, value.isFinite else { return "-" }
    return String(format: "%.\(decimals)f", value)
  }

  /// `[low, high]` in whole ms as `low-high`, `-` without an interval.
  static func interval(_ bounds: [Double]?) -> String {
    guard let bounds, bounds.count == 2 else { return "-" }
    return number(bounds[0], decimals: 0) + "-" + number(bounds[1], decimals: 0)
  }
}
