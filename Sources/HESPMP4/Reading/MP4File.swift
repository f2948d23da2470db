/// A parsed ISO-BMFF buffer (a `header.mp4`, an init packet, a continuation segment, or any
/// concatenation of them): its box tree and typed access to what hesp packages contain.
public struct MP4File: Sendable {
  /// The parsed buffer; box offsets index into it.
  public let bytes: [UInt8]
  /// Top-level boxes in file order, with children for containers.
  public let boxes: [MP4Box]

  /// Parses the box tree; throws MP4Error on any structural problem.
  public init(bytes: [UInt8]) throws {
    self.bytes = bytes
    self.boxes = try MP4BoxParser.parse(bytes)
  }

  /// The top-level box types in order, e.g. `["ftyp", "moov", "emsg", "moof", "mdat"]`.
  public var topLevelTypes: [String] { boxes.map(\.type) }

  /// `ftyp` + `moov` decoded; throws when they are absent or malformed.
  public func header() throws -> CMAFHeader { try CMAFHeader(boxes: boxes, in: bytes) }

  /// The `styp` box, decoded, or nil when there is none.
  public func segmentType() throws -> FileType? {
    try boxes.first("styp").map { try FileType($0, in: bytes) }
  }

  /// Every top-level `emsg`, decoded, with its box.
  public func eventMessages() throws -> [(box: MP4Box, message: EventMessage)] {
    try boxes.all("emsg").map { ($0, try EventMessage($0, in: bytes)) }
  }

  /// Every top-level `sidx`, decoded.
  public func segmentIndexes() throws -> [SegmentIndex] {
    try boxes.all("sidx").map { try SegmentIndex($0, in: bytes) }
  }

  /// Every `moof` with the `mdat` that must follow it directly, decoded. `defaults` are the
  /// header's `trex` (use `try header().trackExtends` when the buffer starts with a header).
  public func fragments(defaults: TrackExtends? = nil) throws -> [MovieFragment] {
    var fragments: [MovieFragment] = []
    for (index, box) in boxes.enumerated() where box.type == "moof" {
      guard index + 1 < boxes.count, boxes[index + 1].type == "mdat" else {
        throw MP4Error(box: "moof", byteOffset: box.offset, reason: "is not followed by an 'mdat'")
      }
      fragments.append(
        try MovieFragment(moof: box, mdat: boxes[index + 1], in: bytes, defaults: defaults))
    }
    return fragments
  }

  /// The bytes of a sample, e.g. to hand to a decoder.
  public func data(of sample: MovieFragment.Sample) -> [UInt8] { Array(bytes[sample.dataRange]) }
}
