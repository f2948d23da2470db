/// A decoded CMAF header of one AAC audio track (`ftyp` + `moov` with a `soun` track and an
/// `mp4a` + `esds` sample entry), as an audio `header.mp4` holds and every audio init packet
/// starts.
public struct CMAFAudioHeader: Sendable, Equatable {
  public var fileType: FileType
  public var trackHeader: TrackHeader
  public var mediaHeader: MediaHeader
  public var handler: HandlerReference
  /// `mp4a` channelcount and samplerate (integer part of the 16.16 value).
  public var channelCount: Int
  public var sampleRate: Int
  /// The `esds` DecoderConfigDescriptor's objectTypeIndication (0x40: MPEG-4 Audio).
  public var objectTypeIndication: UInt8
  /// The `esds` DecoderSpecificInfo: the AudioSpecificConfig.
  public var audioSpecificConfig: [UInt8]
  /// `mvex/trex` defaults of the track.
  public var trackExtends: TrackExtends
  /// Bytes of `ftyp` through the end of `moov`.
  public var byteRange: Range<Int>

  /// Media ticks per second (`mdhd`).
  public var timescale: UInt32 { mediaHeader.timescale }
  /// `mp4a.40.<audio object type>`.
  public var codecString: String {
    AudioTrackDescription(
      timescale: timescale, sampleRate: sampleRate, channelCount: channelCount,
      audioSpecificConfig: audioSpecificConfig
    ).codecString
  }

  /// Decodes `ftyp` + `moov` from the top-level `boxes` of `bytes`; the `moov` must hold
  /// exactly one `soun` track with an `mp4a` sample entry and a `trex`.
  public init(boxes: [MP4Box], in bytes: [UInt8]) throws {
    let track = try CMAFTrackBoxes(boxes: boxes, in: bytes, handlerType: "soun")
    fileType = track.fileType
    trackHeader = track.trackHeader
    mediaHeader = track.mediaHeader
    handler = track.handler
    _ = try track.trak.requiredDescendant("mdia/minf/smhd")
    let stsd = try track.trak.requiredDescendant("mdia/minf/stbl/stsd")
    guard let entry = stsd.children.first, entry.type == "mp4a" else {
      throw MP4Error(
        box: "stsd", byteOffset: stsd.offset,
        reason: "first sample entry is '\(stsd.children.first?.type ?? "none")', expected 'mp4a'")
    }
    var fields = try BoxDecoding.reader(for: entry, type: "mp4a", in: bytes)
    try fields.skip(6 + 2 + 8, "SampleEntry and reserved fields")
    channelCount = Int(try fields.u16("channelcount"))
    try fields.skip(2 + 2 + 2, "samplesize, pre_defined, reserved")
    sampleRate = Int(try fields.u32("samplerate") >> 16)
    let esds = try entry.requiredChild("esds")
    var reader = try BoxDecoding.fullBoxReader(
      for: esds, type: "esds", in: bytes, maximumVersion: 0
    )
    .reader
    (objectTypeIndication, audioSpecificConfig) = try Self.decoderConfiguration(&reader, esds)
    trackExtends = try track.trackExtends(in: try track.moov.requiredChild("mvex"), bytes)
    byteRange = track.byteRange
  }

  /// Walks ES_Descriptor -> DecoderConfigDescriptor -> DecoderSpecificInfo.
  private static func decoderConfiguration(_ reader: inout ByteReader, _ esds: MP4Box) throws
    -> (UInt8, [UInt8])
  {
    func header(_ expected: UInt8) throws -> Int {
      let offset = reader.absoluteOffset
      let tag = try reader.u8("descriptor tag")
      guard tag == expected else {
        throw MP4Error(
          box: "esds", byteOffset: offset, reason: "descriptor tag \(tag), expected \(expected)")
      }
      var size = 0
      for _ in 0..<4 {
        let byte = try reader.u8("descriptor size")
        size = size << 7 | Int(byte & 0x7F)
        if byte & 0x80 == 0 { break }
      }
      guard size <= reader.remaining else {
        throw MP4Error(
          box: "esds", byteOffset: offset,
          reason:
            "descriptor \(tag) size \(size) runs past the box (\(reader.remaining) bytes left)")
      }
      return size
    }
    _ = try header(0x03)
    try reader.skip(2, "ES_ID")
    let flags = try reader.u8("ES flags")
    if flags & 0x80 != 0 { try reader.skip(2, "dependsOn_ES_ID") }
    if flags & 0x40 != 0 { try reader.skip(Int(try reader.u8("URL length")), "URL") }
    if flags & 0x20 != 0 { try reader.skip(2, "OCR_ES_ID") }
    _ = try header(0x04)
    let objectType = try reader.u8("objectTypeIndication")
    try reader.skip(1 + 3 + 4 + 4, "streamType, bufferSizeDB, maxBitrate, avgBitrate")
    let size = try header(0x05)
    return (objectType, try reader.bytes(size, "DecoderSpecificInfo"))
  }
}

extension MP4File {
  /// `ftyp` + `moov` of an audio track, decoded; throws when absent or malformed.
  public func audioHeader() throws -> CMAFAudioHeader {
    try CMAFAudioHeader(boxes: boxes, in: bytes)
  }
}
