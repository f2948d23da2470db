/// Line and field helpers shared by the text importers.
enum TextLines {
  /// One line of input with its 1-based number; trailing `\r` and surrounding blanks removed.
  struct Line {
    var number: Int
    var text: Substring
  }

  /// The non-blank lines of `text`, numbered as in the file (blank lines count but are skipped).
  /// Lazy: a huge file is read line by line, without an array of its lines.
  static func nonBlankLines(of text: String) -> NonBlankLines { NonBlankLines(text: text) }

  /// The first non-blank line, or nil.
  static func firstNonBlankLine(of text: String) -> Substring? {
    var lines = nonBlankLines(of: text)
    return lines.next()?.text
  }

  /// Iterates the non-blank lines of a text; a line ends at `\n`, `\r\n` or a lone `\r`.
  struct NonBlankLines: Sequence, IteratorProtocol {
    let text: String
    private var position: String.Index
    private var number = 0

    init(text: String) {
      self.text = text
      position = text.utf8.startIndex
    }

    mutating func next() -> Line? {
      let utf8 = text.utf8
      while position < utf8.endIndex {
        number += 1
        let start = position
        var end = start
        while end < utf8.endIndex, utf8[end] != 10, utf8[end] != 13 { utf8.formIndex(after: &end) }
        position = end
        if position < utf8.endIndex {
          let isCR = utf8[position] == 13
          utf8.formIndex(after: &position)
          if isCR, position < utf8.endIndex, utf8[position] == 10 {
            utf8.formIndex(after: &position)
          }
        }
        let trimmed = text[start..<end].trimmingWhitespace()
        if !trimmed.isEmpty { return Line(number: number, text: trimmed) }
      }
      return nil
    }
  }

  /// Fields separated by runs of spaces or tabs.
  static func whitespaceFields(_ line: Substring) -> [Substring] {
    line.split(whereSeparator: { $0 == " " || $0 == "\t" })
  }

  /// A finite decimal number, or `nil` (rejects `nan`, `inf`, hex floats and empty text).
  static func number(_ field: Substring) -> Double? {
    let text = field.trimmingWhitespace()
    guard !text.isEmpty,
      text.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }),
      let value = Double(text), value.isFinite
    else { return nil }
    return value
  }

  /// A finite number >= 0 for the column `name`, or a `TraceError` naming the line and reason.
  static func nonNegativeNumber(_ field: Substring, name: String, line: Int, source: String) throws
    -> Double
  {
    guard let value = number(field) else {
      throw TraceError(
        source: source, location: .line(line), reason: "\(name) is not a number: \(quoted(field))")
    }
    guard value >= 0 else {
      throw TraceError(
        source: source, location: .line(line), reason: "\(name) is negative: \(field)")
    }
    return value
  }

  /// `value × 1000` for a field already parsed as `value`, computed from the decimal text when
  /// it has no exponent (`"1.69371428571"` gives exactly `1693.71428571`, not `...00001`).
  static func thousandTimes(_ field: Substring, value: Double) -> Double {
    let text = field.trimmingWhitespace()
    if !text.contains(where: { $0 == "e" || $0 == "E" }), let scaled = Double(text + "e3"),
      scaled.isFinite
    {
      return scaled
    }
    return value * 1000
  }

  /// Shortens a field for display in an error message.
  static func quoted(_ field: Substring) -> String {
    let text = field.count > 40 ? field.prefix(40) + "..." : field
    return "'\(text)'"
  }
}

extension Substring {
  func trimmingWhitespace() -> Substring {
    let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\u{FEFF}" }
    guard let start = firstIndex(where: { !isBlank($0) }) else { return self[endIndex...] }
    guard let end = lastIndex(where: { !isBlank($0) }) else { return self[endIndex...] }
    return self[start...end]
  }
}

/// Rounds away binary noise such as `1008.0000000000001` (durations in ms, to a nanosecond).
func roundedToMicro(_ value: Double) -> Double {
  (value * 1_000_000).rounded() / 1_000_000
}

/// `value × scale`, leaving `value` untouched (bit for bit) when the scale is 1.
func scaled(_ value: Double, by scale: Double) -> Double {
  scale == 1 ? value : value * scale
}
