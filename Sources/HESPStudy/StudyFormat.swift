import Foundation

/// Fixed-format numbers for tables and CSV (no locale, no exponent).
enum StudyFormat {
  static func number(_ value: Double?, decimals: Int) -> String {
    guard let value, value.isFinite else { return "-" }
    return String(format: "%.\(decimals)f", value)
  }
}
