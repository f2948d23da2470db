import Foundation

/// Python's `%d`, `%f` and `round()` as Sabre's output uses them.
enum SabreFormat {
  /// `'%d' % x`: truncation toward zero.
  static func d(_ value: Double) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
    guard abs(value) < 9.0e18 else { return String(format: "%.0f", value.rounded(.towardZero)) }
    return String(Int(value))
  }

  /// `'%d' % round(x)`: Python 3 rounds half to even.
  static func rounded(_ value: Double) -> String {
    d(value.rounded(.toNearestOrEven))
  }

  /// Milliseconds as seconds with three decimals (`12345.6` -> `12.346`), without Foundation
  /// formatting (a long session prints thousands of these).
  static func seconds(ms: Double) -> String {
    guard ms.isFinite, abs(ms) < 9.0e18 else { return d(ms / 1000) }
    let total = Int64(ms.rounded(.toNearestOrEven))
    let magnitude = total.magnitude
    let fraction = String(magnitude % 1000)
    return (total < 0 ? "-" : "") + String(magnitude / 1000) + "."
      + String(repeating: "0", count: 3 - fraction.count) + fraction
  }

  /// `'%f' % x`: six decimals.
  static func f(_ value: Double) -> String {
    String(format: "%f", value)
  }
}
