/// One box of a parsed ISO-BMFF buffer: where it is, how big, and its child boxes when it is a
/// container the parser descends into (see `MP4BoxParser.containerTypes`).
public struct MP4Box: Sendable, Equatable {
  /// The four-character type, e.g. `"moof"` (bytes outside printable ASCII as `\xNN`).
  public var type: String
  /// Byte offset of the box's first byte (its size field) in the parsed buffer.
  public var offset: Int
  /// Total size in bytes, header included.
  public var size: Int
  /// 8, 16 with a 64-bit largesize, plus 16 for `uuid` boxes.
  public var headerSize: Int
  /// Child boxes (empty for leaf boxes).
  public var children: [MP4Box]

  /// A box from its parsed header fields.
  public init(type: String, offset: Int, size: Int, headerSize: Int, children: [MP4Box] = []) {
    self.type = type
    self.offset = offset
    self.size = size
    self.headerSize = headerSize
    self.children = children
  }

  /// The whole box, header included.
  public var range: Range<Int> { offset..<offset + size }
  /// The payload after the header (for a FullBox this starts with version and flags).
  public var payloadRange: Range<Int> { offset + headerSize..<offset + size }

  /// The first child of `type`.
  public func child(_ type: String) -> MP4Box? { children.first { $0.type == type } }

  /// All children of `type`.
  public func children(_ type: String) -> [MP4Box] { children.filter { $0.type == type } }

  /// The first descendant along a slash-separated path of types, e.g. `"trak/mdia/mdhd"`.
  public func descendant(_ path: String) -> MP4Box? {
    var box = self
    for type in path.split(separator: "/") {
      guard let next = box.child(String(type)) else { return nil }
      box = next
    }
    return box
  }

  /// The child of `type`, or an MP4Error naming this box and its offset.
  public func requiredChild(_ type: String) throws -> MP4Box {
    guard let box = child(type) else {
      throw MP4Error(box: self.type, byteOffset: offset, reason: "has no '\(type)' box")
    }
    return box
  }

  /// The descendant at `path`, or an MP4Error naming the deepest box found and its offset.
  public func requiredDescendant(_ path: String) throws -> MP4Box {
    var box = self
    for type in path.split(separator: "/") { box = try box.requiredChild(String(type)) }
    return box
  }
}

extension Array where Element == MP4Box {
  /// The first box of `type` in this list.
  public func first(_ type: String) -> MP4Box? { first { $0.type == type } }

  /// Every box of `type` in this list.
  public func all(_ type: String) -> [MP4Box] { filter { $0.type == type } }
}
