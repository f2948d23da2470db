/// Walks a byte buffer and returns its box tree. Every structural problem (truncated header,
/// size past the end of the buffer or parent, size smaller than the header, nesting too deep)
/// throws an MP4Error naming the box and its byte offset.
public enum MP4BoxParser {
  /// Boxes whose payload is a sequence of boxes, with the number of payload bytes that come
  /// before the first child (FullBox version/flags, entry counts, sample entry fields).
  public static let containerTypes: [String: Int] = [
    "moov": 0, "trak": 0, "mdia": 0, "minf": 0, "dinf": 0, "stbl": 0, "mvex": 0, "edts": 0,
    "moof": 0, "traf": 0, "mfra": 0, "sinf": 0, "schi": 0,
    "stsd": 8, "dref": 8,
    // VisualSampleEntry: 8 bytes of SampleEntry + 70 of visual fields.
    "avc1": 78, "avc3": 78, "encv": 78,
    // AudioSampleEntry (version 0): 8 bytes of SampleEntry + 20 of audio fields.
    "mp4a": 28,
  ]

  /// Deepest nesting accepted (hesp files nest 8 deep: moov/trak/mdia/minf/stbl/stsd/avc1/avcC).
  public static let maximumDepth = 16

  /// Parses the whole buffer as a sequence of top-level boxes.
  public static func parse(_ bytes: [UInt8]) throws -> [MP4Box] {
    try parseBoxes(bytes, in: 0..<bytes.count, parent: nil, depth: 0)
  }

  /// Parses `bytes[range]` as a sequence of boxes (offsets stay absolute).
  public static func parse(_ bytes: [UInt8], in range: Range<Int>) throws -> [MP4Box] {
    guard range.lowerBound >= 0, range.upperBound <= bytes.count else {
      throw MP4Error(
        box: "file", byteOffset: range.lowerBound,
        reason: "range \(range) is outside the \(bytes.count)-byte buffer")
    }
    return try parseBoxes(bytes, in: range, parent: nil, depth: 0)
  }

  private static func parseBoxes(
    _ bytes: [UInt8], in range: Range<Int>, parent: MP4Box?, depth: Int
  ) throws -> [MP4Box] {
    var boxes: [MP4Box] = []
    var position = range.lowerBound
    while position < range.upperBound {
      var box = try parseHeader(bytes, at: position, end: range.upperBound, parent: parent)
      if let skip = containerTypes[box.type] {
        guard depth < maximumDepth else {
          throw MP4Error(
            box: box.type, byteOffset: box.offset,
            reason: "nested deeper than \(maximumDepth) boxes")
        }
        let childStart = box.payloadRange.lowerBound + skip
        guard childStart <= box.range.upperBound else {
          throw MP4Error(
            box: box.type, byteOffset: box.offset,
            reason:
              "size \(box.size) is too small for its \(skip) bytes of fields before child boxes")
        }
        box.children = try parseBoxes(
          bytes, in: childStart..<box.range.upperBound, parent: box, depth: depth + 1)
      }
      boxes.append(box)
      position = box.range.upperBound
    }
    return boxes
  }

  private static func parseHeader(_ bytes: [UInt8], at offset: Int, end: Int, parent: MP4Box?)
    throws -> MP4Box
  {
    let container = parent.map { "its parent '\($0.type)' at byte \($0.offset)" } ?? "the buffer"
    guard end - offset >= 8 else {
      throw MP4Error(
        box: parent?.type ?? "file", byteOffset: offset,
        reason: "truncated box header: \(end - offset) bytes left in \(container), a header needs 8"
      )
    }
    var reader = ByteReader(bytes, range: offset..<end, box: parent?.type ?? "file")
    let size32 = try reader.u32()
    let type = try reader.fourCC()
    var headerSize = 8
    var size: Int
    switch size32 {
    case 1:
      guard end - offset >= 16 else {
        throw MP4Error(
          box: type, byteOffset: offset,
          reason: "64-bit size needs 16 header bytes, \(end - offset) left")
      }
      let large = try reader.u64()
      guard large <= UInt64(Int.max) else {
        throw MP4Error(box: type, byteOffset: offset, reason: "64-bit size \(large) is too large")
      }
      size = Int(large)
      headerSize = 16
    case 0:
      guard parent == nil else {
        throw MP4Error(
          box: type, byteOffset: offset,
          reason: "size 0 (to end of file) inside '\(parent?.type ?? "")'")
      }
      size = end - offset
    default:
      size = Int(size32)
    }
    if type == "uuid" { headerSize += 16 }
    guard size >= headerSize else {
      throw MP4Error(
        box: type, byteOffset: offset,
        reason: "size \(size) is smaller than its \(headerSize)-byte header")
    }
    guard size <= end - offset else {
      throw MP4Error(
        box: type, byteOffset: offset,
        reason: "size \(size) runs past the end of \(container) (\(end - offset) bytes left)")
    }
    return MP4Box(type: type, offset: offset, size: size, headerSize: headerSize)
  }
}
