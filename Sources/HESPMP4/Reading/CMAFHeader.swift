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
    let track = try CMAFTrackBoxes(boxes: boxes, in: bytes, handlerType: "vide")
    fileType = track.fileType
    movieHeader = try MovieHeader(try track.moov.requiredChild("mvhd"), in: bytes)
    trackHeader = track.trackHeader
    mediaHeader = track.mediaHeader
    handler = track.handler
    let stsd = try track.trak.requiredDescendant("mdia/minf/stbl/stsd")
    guard let entry = stsd.children.first else {
      throw MP4Error(box: "stsd", byteOffset: stsd.offset, reason: "has no sample entry")
    }
    sampleEntry = try VisualSampleEntry(entry, in: bytes)
    trackExtends = try track.moov.child("mvex").map { try track.trackExtends(in: $0, bytes) }
    byteRange = track.byteRange
  }
}
