/// A decoded CMAF header of one video track (`ftyp` + `moov`), as `header.mp4` holds and as
/// every hesp initialization packet starts.
public struct CMAFHeader: Sendable, Equatable {
  /// `ftyp`.
  public var fileType: FileType
  /// `moov/mvhd`.
  public var movieHeader: MovieHeader
  /// `trak/tkhd`.
  public var trackHeader: TrackHeader
  /// `mdia/mdhd`.
  public var mediaHeader: MediaHeader
  /// `mdia/hdlr`.
  public var handler: HandlerReference
  /// The first sample entry of `stsd`.
  public var sampleEntry: VisualSampleEntry
  /// `mvex/trex` defaults; nil when the movie is not fragmented (no `mvex`).
  public var trackExtends: TrackExtends?
  /// Bytes of `ftyp` through the end of `moov`.
  public var byteRange: Range<Int>

  /// The track's `tkhd` track_ID.
  public var trackId: UInt32 { trackHeader.trackId }
  /// Media ticks per second (`mdhd`).
  public var timescale: UInt32 { mediaHeader.timescale }

  /// Decodes `ftyp` + `moov` from the top-level `boxes` of `bytes`; the `moov` must hold exactly
  /// one video track with an `avc1`/`avc3` sample entry.
  public init(boxes: [MP4Box], in bytes: [UInt8]) throws {
    guard let ftyp = boxes.first, ftyp.type == "ftyp" else {
      throw MP4Error(
        box: boxes.first?.type ?? "file", byteOffset: 0,
        reason: "a CMAF header must start with 'ftyp'")
    }
    guard let moov = boxes.first("moov") else {
      throw MP4Error(box: "file", byteOffset: ftyp.range.upperBound, reason: "has no 'moov' box")
    }
    fileType = try FileType(ftyp, in: bytes)
    movieHeader = try MovieHeader(try moov.requiredChild("mvhd"), in: bytes)
    let tracks = moov.children("trak")
    guard tracks.count == 1, let trak = tracks.first else {
      throw MP4Error(
        box: "moov", byteOffset: moov.offset, reason: "has \(tracks.count) 'trak' boxes, expected 1"
      )
    }
    trackHeader = try TrackHeader(try trak.requiredChild("tkhd"), in: bytes)
    mediaHeader = try MediaHeader(try trak.requiredDescendant("mdia/mdhd"), in: bytes)
    handler = try HandlerReference(try trak.requiredDescendant("mdia/hdlr"), in: bytes)
    guard handler.handlerType == "vide" else {
      throw MP4Error(
        box: "hdlr", byteOffset: try trak.requiredDescendant("mdia/hdlr").offset,
        reason: "handler '\(handler.handlerType)' is not 'vide'")
    }
    let stsd = try trak.requiredDescendant("mdia/minf/stbl/stsd")
    guard let entry = stsd.children.first else {
      throw MP4Error(box: "stsd", byteOffset: stsd.offset, reason: "has no sample entry")
    }
    sampleEntry = try VisualSampleEntry(entry, in: bytes)
    if let mvex = moov.child("mvex") {
      let trackId = trackHeader.trackId
      let all = try mvex.children("trex").map { try TrackExtends($0, in: bytes) }
      guard let match = all.first(where: { $0.trackId == trackId }) else {
        throw MP4Error(
          box: "mvex", byteOffset: mvex.offset, reason: "has no 'trex' for track \(trackId)")
      }
      trackExtends = match
    } else {
      trackExtends = nil
    }
    byteRange = ftyp.offset..<moov.range.upperBound
  }
}
