import Foundation

/// One video track of a store as the URL space sees it: the folder of its files (the manifest's
/// base URLs resolved against the manifest) and the file-name patterns of its two streams.
public struct StoreTrack: Equatable, Sendable {
  public var id: String
  /// Path segments of the track's folder below the store (`["video", "360p"]`).
  public var folder: [String]
  public var initialization: FileNamePattern
  public var continuation: FileNamePattern

  public init(
    id: String, folder: [String], initialization: FileNamePattern, continuation: FileNamePattern
  ) {
    self.id = id
    self.folder = folder
    self.initialization = initialization
    self.continuation = continuation
  }
}

/// A manifest pattern such as `init-{initId}.m4s` or `content-{segmentId:06d}.m4s`: the text
/// before and after the placeholder and the zero-padding width.
public struct FileNamePattern: Equatable, Sendable {
  public var prefix: String
  public var suffix: String
  public var widthDigits: Int

  /// Parses `pattern` around `{placeholder}` or `{placeholder:0Nd}`; nil when it has none,
  /// or a `/` (a pattern that names another folder is not supported).
  public init?(_ pattern: String, placeholder: String) {
    guard let open = pattern.range(of: "{\(placeholder)"),
      let close = pattern[open.upperBound...].firstIndex(of: "}")
    else { return nil }
    let format = pattern[open.upperBound..<close]
    var width = 0
    if !format.isEmpty {
      guard format.hasPrefix(":0"), format.hasSuffix("d"),
        let parsed = Int(format.dropFirst(2).dropLast()),
        (0...15).contains(parsed)
      else { return nil }
      width = parsed
    }
    prefix = String(pattern[..<open.lowerBound])
    suffix = String(pattern[pattern.index(after: close)...])
    widthDigits = width
    if (prefix + suffix).contains("/") || suffix.contains("{") { return nil }
  }

  /// The file name for `number`.
  public func name(_ number: Int) -> String {
    let digits = String(number)
    return prefix + String(repeating: "0", count: max(0, widthDigits - digits.count)) + digits
      + suffix
  }

  /// The number in `name`, or nil when it does not match (at most 15 digits, no sign).
  public func number(in name: String) -> Int? {
    guard let digits = placeholderText(in: name), !digits.isEmpty, digits.utf8.count <= 15,
      digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 })
    else { return nil }
    return Int(digits)
  }

  /// Whether `name` is this pattern with the literal `now` (`init-now.m4s`).
  public func isNow(_ name: String) -> Bool { placeholderText(in: name) == "now" }

  private func placeholderText(in name: String) -> Substring? {
    guard name.utf8.count >= prefix.utf8.count + suffix.utf8.count, name.hasPrefix(prefix),
      name.hasSuffix(suffix)
    else { return nil }
    return name.dropFirst(prefix.count).dropLast(suffix.count)
  }
}
