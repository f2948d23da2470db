import Foundation

/// argument-parser's message for a value it rejects, rewritten on one line in the house style
/// (`--OPTION: ...`):
///
/// - a closed choice (`ExpressibleByArgument` and `CaseIterable`; argument-parser lists its
///   values, bulleted over several lines from six on):
///   `The value 'fast' is invalid for '--replace <policy>'. Please provide one of 'none', 'up' or 'all'.`
///   -> `--replace: unknown policy 'fast'; valid policies: none, up, all`
/// - a value a `transform:` refused with a message that names the option:
///   `The value 'x' is invalid for '--abr <abr>': --abr: unknown ABR 'x'; ...` -> that message.
///
/// Other messages are returned unchanged.
enum ParserMessage {
  static func oneLine(_ message: String) -> String {
    let prefix = "The value '"
    guard message.hasPrefix(prefix), let valueEnd = message.range(of: "' is invalid for '") else {
      return message
    }
    let value = message[
      message.index(message.startIndex, offsetBy: prefix.count)..<valueEnd.lowerBound]
    let rest = message[valueEnd.upperBound...]
    guard let optionEnd = rest.firstIndex(of: "'") else { return message }
    let synopsis = rest[..<optionEnd]  // `--replace <policy>`
    let option = synopsis.split(separator: " ").first.map(String.init) ?? String(synopsis)
    let tail = rest[rest.index(after: optionEnd)...]
    if tail.hasPrefix(": --") { return String(tail.dropFirst(2)) }
    guard tail.hasPrefix(". Please provide one of") else { return message }
    let values = valueList(String(tail))
    let noun =
      synopsis.split(separator: "<").dropFirst().first.map { String($0.dropLast()) } ?? "value"
    return
      "\(option): unknown \(noun) '\(value)'; valid \(plural(noun)): \(values.joined(separator: ", "))"
  }

  /// `'a', 'b' or 'c'` or the bullets `  - a` of argument-parser's list, as `[a, b, c]`.
  static func valueList(_ text: String) -> [String] {
    let lines = text.split(separator: "\n")
    if lines.count > 1 {
      return lines.dropFirst().filter { $0.hasPrefix("  - ") }.map { String($0.dropFirst(4)) }
    }
    return text.split(separator: "'").enumerated().filter { $0.offset % 2 == 1 }.map {
      String($0.element)
    }
  }

  static func plural(_ noun: String) -> String {
    noun.hasSuffix("y") ? noun.dropLast() + "ies" : noun + "s"
  }
}
