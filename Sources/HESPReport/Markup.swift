/// Text helpers shared by the SVG and HTML renderers: escaping and deterministic numbers.
enum Markup {
  /// Escapes text for XML/HTML content and attribute values (`& < > " '`).
  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.count)
    for character in text {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.append(character)
      }
    }
    return out
  }

  /// A coordinate with at most 2 decimals, no trailing zeros, never `-0`.
  static func coordinate(_ value: Double) -> String {
    fixed(value, decimals: 2)
  }

  /// `value` with at most `decimals` decimals (trailing zeros dropped), locale-independent.
  static func fixed(_ value: Double, decimals: Int) -> String {
    guard value.isFinite else { return "0" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = (value * scale).rounded()
    if scaled == 0 { return "0" }
    let negative = scaled < 0
    let digits = String(Int64(abs(scaled)))
    var text: String
    if decimals == 0 {
      text = digits
    } else {
      let padded = String(repeating: "0", count: max(0, decimals + 1 - digits.count)) + digits
      let integer = padded.dropLast(decimals)
      var fraction = Substring(padded.suffix(decimals))
      while fraction.last == "0" { fraction = fraction.dropLast() }
      text = fraction.isEmpty ? String(integer) : "\(integer).\(fraction)"
    }
    return negative ? "-" + text : text
  }

  /// A table cell number with exactly `decimals` decimals (e.g. `12.30`), or `–` for nil.
  static func cell(_ value: Double?, decimals: Int) -> String {
    guard let value, value.isFinite else { return "–" }
    let text = fixed(value, decimals: decimals)
    guard decimals > 0 else { return text }
    let parts = text.split(separator: ".", maxSplits: 1)
    let fraction = parts.count == 2 ? String(parts[1]) : ""
    return "\(parts[0]).\(fraction)\(String(repeating: "0", count: decimals - fraction.count))"
  }
}
