import Foundation

/// The one JSON encoding of every document hesp writes (manifests, indexes, reports, study
/// outputs, `--json` on stdout): sorted keys and unescaped slashes, so equal values give equal
/// bytes on every run and platform; pretty-printed for files people read, compact for
/// line-per-record files and fingerprints.
public enum CanonicalJSON {
  public static func encoder(pretty: Bool = true) -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting =
      pretty
      ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      : [.sortedKeys, .withoutEscapingSlashes]
    return encoder
  }

  /// `value` encoded; `newline` appends one line feed (files and stdout end with one).
  public static func data<T: Encodable>(_ value: T, pretty: Bool = true, newline: Bool = false)
    throws -> Data
  {
    var data = try encoder(pretty: pretty).encode(value)
    if newline { data.append(0x0A) }
    return data
  }
}
