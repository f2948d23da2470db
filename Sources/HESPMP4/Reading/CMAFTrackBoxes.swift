/// What every single-track CMAF header (`ftyp` + `moov` with one `trak`) decodes alike, video or
/// audio: the file type, the track's `tkhd`, `mdhd` and `hdlr` (of the expected handler type),
/// and its `trex` defaults. `CMAFHeader` and `CMAFAudioHeader` add their sample entries.
struct CMAFTrackBoxes {
  var fileType: FileType
  var moov: MP4Box
  var trak: MP4Box
  var trackHeader: TrackHeader
  var mediaHeader: MediaHeader
  var handler: HandlerReference
  /// Bytes of `ftyp` through the end of `moov`.
  var byteRange: Range<Int>

  /// Decodes `ftyp` + `moov` from the top-level `boxes` of `bytes`; the `moov` must hold exactly
  /// one `trak`, whose handler is `handlerType` (`vide`, `soun`).
  init(boxes: [MP4Box], in bytes: [UInt8], handlerType: String) throws {
    guard let ftyp = boxes.first, ftyp.type == "ftyp" else {
      throw MP4Error(
        box: boxes.first?.type ?? "file", byteOffset: 0,
        reason: "a CMAF header must start with 'ftyp'")
    }
    guard let moov = boxes.first("moov") else {
      throw MP4Error(box: "file", byteOffset: ftyp.range.upperBound, reason: "has no 'moov' box")
    }
    self.moov = moov
    fileType = try FileType(ftyp, in: bytes)
    let tracks = moov.children("trak")
    guard tracks.count == 1, let trak = tracks.first else {
      throw MP4Error(
        box: "moov", byteOffset: moov.offset, reason: "has \(tracks.count) 'trak' boxes, expected 1"
      )
    }
    self.trak = trak
    trackHeader = try TrackHeader(try trak.requiredChild("tkhd"), in: bytes)
    mediaHeader = try MediaHeader(try trak.requiredDescendant("mdia/mdhd"), in: bytes)
    let hdlr = try trak.requiredDescendant("mdia/hdlr")
    handler = try HandlerReference(hdlr, in: bytes)
    guard handler.handlerType == handlerType else {
      throw MP4Error(
        box: "hdlr", byteOffset: hdlr.offset,
        reason: "handler '\(handler.handlerType)' is not '\(handlerType)'")
    }
    byteRange = ftyp.offset..<moov.range.upperBound
  }

  /// The `trex` of this track in `mvex`.
  func trackExtends(in mvex: MP4Box, _ bytes: [UInt8]) throws -> TrackExtends {
    let trackId = trackHeader.trackId
    let all = try mvex.children("trex").map { try TrackExtends($0, in: bytes) }
    guard let match = all.first(where: { $0.trackId == trackId }) else {
      throw MP4Error(
        box: "mvex", byteOffset: mvex.offset, reason: "has no 'trex' for track \(trackId)")
    }
    return match
  }
}
