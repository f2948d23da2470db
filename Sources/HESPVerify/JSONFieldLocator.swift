/// Byte offsets of fields in the JSON documents hesp writes (pretty-printed, sorted keys), so a
/// finding points at the claim it disproves.
enum JSONFieldLocator {
  /// Offset of `"key"` in the object whose `"id"` is `id` (a track): keys sort before or after
  /// `id`, so the nearest occurrence on that side of the id is the object's own. Falls back to
  /// the first occurrence of the key, then 0.
  static func offset(of key: String, inObjectWithId id: String, in bytes: [UInt8]) -> Int {
    let idAt = find(#""id" : "\#(id)""#, in: bytes, from: 0)
    guard let idAt else { return find("\"\(key)\"", in: bytes, from: 0) ?? 0 }
    let needle = Array("\"\(key)\"".utf8)
    if key < "id" {
      var position = idAt - needle.count
      while position >= 0 {
        if bytes[position..<position + needle.count].elementsEqual(needle) { return position }
        position -= 1
      }
      return idAt
    }
    return find("\"\(key)\"", in: bytes, from: idAt) ?? idAt
  }

  /// Offset of the first `"key"` at or after `start`.
  static func offset(of key: String, in bytes: [UInt8], from start: Int = 0) -> Int {
    find("\"\(key)\"", in: bytes, from: start) ?? 0
  }

  private static func find(_ text: String, in bytes: [UInt8], from start: Int) -> Int? {
    let needle = Array(text.utf8)
    guard !needle.isEmpty, bytes.count >= needle.count, start <= bytes.count - needle.count else {
      return nil
    }
    for position in start...(bytes.count - needle.count) where bytes[position] == needle[0] {
      if bytes[position..<position + needle.count].elementsEqual(needle) { return position }
    }
    return nil
  }
}
