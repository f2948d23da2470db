/// The path of a request target, checked before anything is looked up: only plain names under
/// `/`, percent-decoded once. Every spelling of a way out (`..`, `.`, backslash, NUL, a `%` left
/// after decoding, an absolute or authority form) is refused, never normalised into something
/// that could name a file elsewhere.
public enum RequestPath: Equatable, Sendable {
  /// Path segments (decoded, none empty except as noted), and whether the path ended in `/`.
  case segments([String], trailingSlash: Bool)
  /// A way out of the served tree, spelled in any form: 403.
  case forbidden(String)
  /// Not a path at all (bad percent escape, not starting with `/`, too long): 400.
  case malformed(String)

  /// The longest request path considered (bytes, before decoding).
  public static let maximumLengthBytes = 4096

  /// Checks the raw target of a request (`/a/b?query`); the query is ignored.
  public init(target: String) {
    var raw = Substring(target)
    if let mark = raw.firstIndex(where: { $0 == "?" || $0 == "#" }) { raw = raw[..<mark] }
    guard raw.utf8.count <= Self.maximumLengthBytes else {
      self = .malformed("path longer than \(Self.maximumLengthBytes) bytes")
      return
    }
    guard raw.first == "/" else {
      self = .malformed("not an origin-form path")
      return
    }
    guard let decoded = Self.percentDecoded(raw) else {
      self = .malformed("bad percent escape")
      return
    }
    if let reason = Self.forbiddenReason(decoded) {
      self = .forbidden(reason)
      return
    }
    let text = String(decoding: decoded, as: UTF8.self)
    var segments = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    segments.removeFirst()  // before the leading "/"
    let trailingSlash = segments.last == ""
    if trailingSlash { segments.removeLast() }
    if segments.contains(where: \.isEmpty) {
      self = .forbidden("empty path segment")
      return
    }
    self = .segments(segments, trailingSlash: trailingSlash)
  }

  static func forbiddenReason(_ path: [UInt8]) -> String? {
    if path.contains(0) { return "NUL byte" }
    if path.contains(UInt8(ascii: "\\")) { return "backslash" }
    if path.contains(UInt8(ascii: "%")) { return "percent sign after decoding (double encoding)" }
    if path.contains(where: { $0 < 0x20 || $0 == 0x7F }) { return "control character" }
    // Any segment that is "." or "..", or starts with "." (hidden files such as .hesp-output).
    for segment in path.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true)
    where segment.first == UInt8(ascii: ".") {
      return segment.count <= 2 && segment.allSatisfy({ $0 == UInt8(ascii: ".") })
        ? "dot segment" : "hidden name"
    }
    return nil
  }

  /// Decodes `%XX` escapes once; nil for a truncated or non-hex escape or for invalid UTF-8.
  static func percentDecoded(_ raw: Substring) -> [UInt8]? {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(raw.utf8.count)
    var iterator = raw.utf8.makeIterator()
    while let byte = iterator.next() {
      guard byte == UInt8(ascii: "%") else {
        bytes.append(byte)
        continue
      }
      guard let high = iterator.next().flatMap(hexValue),
        let low = iterator.next().flatMap(hexValue)
      else { return nil }
      bytes.append(high << 4 | low)
    }
    guard String(validating: bytes, as: UTF8.self) != nil else { return nil }
    return bytes
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}
