import Foundation

/// Python's `%d`, `%f` and `round()` as Sabre's output uses them.
enum SabreFormat {
  /// `'%d' % x`: truncation toward zero.
  static func d(_ value: Double) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
    return String(Int(value))
  }

  /// `'%d' % round(x)`: Python 3 rounds half to even.
  static func rounded(_ value: Double) -> String {
    d(value.rounded(.toNearestOrEven))
  }

  /// `'%f' % x`: six decimals.
  static func f(_ value: Double) -> String {
    String(format: "%f", value)
  }
}
