import Foundation

/// The `Date` header (RFC 9110 IMF-fixdate), formatted once per second.
struct HTTPDate {
  private var second = 0
  private var text = ""

  mutating func now() -> String {
    let current = time(nil)
    if current != second {
      second = current
      var parts = tm()
      var seconds = current
      gmtime_r(&seconds, &parts)
      let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
      let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
      ]
      func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
      text =
        "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
        + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }
    return text
  }
}
