/// A `Range` header as this origin reads it: one range of bytes (`bytes=A-B`, `bytes=A-`,
/// `bytes=-N`). The HESP draft's continuation request is `bytes=<offset>-9007199254740991`.
/// Anything else (another unit, several ranges, a negative, inverted or overflowing bound,
/// garbage) is refused with 416 rather than ignored: a player that asks for a range it cannot
/// get should hear so.
public enum ByteRangeRequest: Equatable, Sendable {
  /// `bytes=first-last` (`last` nil: to the end).
  case from(first: Int, last: Int?)
  /// `bytes=-count`: the last `count` bytes.
  case suffix(count: Int)

  /// Parses a header value; nil when it is not one well-formed byte range.
  public init?(header: String) {
    let value = header.trimmingSpaces()
    guard value.hasPrefix("bytes=") else { return nil }
    let spec = value.dropFirst("bytes=".count).trimmingSpaces()
    guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { return nil }
    let firstText = spec[..<dash].trimmingSpaces()
    let lastText = spec[spec.index(after: dash)...].trimmingSpaces()
    if firstText.isEmpty {
      guard let count = Self.number(lastText) else { return nil }
      self = .suffix(count: count)
      return
    }
    guard let first = Self.number(firstText) else { return nil }
    if lastText.isEmpty {
      self = .from(first: first, last: nil)
      return
    }
    guard let last = Self.number(lastText), last >= first else { return nil }
    self = .from(first: first, last: last)
  }

  /// The bytes selected in a resource of `size` bytes, or nil when none are (416).
  public func resolve(size: Int) -> ClosedRange<Int>? {
    switch self {
    case .from(let first, let last):
      guard first < size else { return nil }
      return first...min(last ?? (size - 1), size - 1)
    case .suffix(let count):
      guard count > 0, size > 0 else { return nil }
      return max(0, size - count)...(size - 1)
    }
  }

  /// Decimal digits only (no sign), at most 16 of them: 2^53-1 fits, an overflow does not parse.
  private static func number(_ text: Substring) -> Int? {
    guard !text.isEmpty, text.utf8.count <= 16, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 })
    else { return nil }
    return Int(text)
  }
}

extension StringProtocol {
  fileprivate func trimmingSpaces() -> SubSequence {
    let start = firstIndex(where: { $0 != " " && $0 != "\t" }) ?? endIndex
    let end = lastIndex(where: { $0 != " " && $0 != "\t" }).map { index(after: $0) } ?? start
    return self[start..<Swift.max(start, end)]
  }
}
