/// `trak` (ISO/IEC 14496-12 §8.3-8.7) of one video or audio track: `tkhd`, `mdia` with `mdhd`,
/// `hdlr` and `minf` (the media header, `dinf/dref`, `stbl`). The video and the audio track
/// differ only in the fields of `Header` and the two boxes the caller writes.
enum TrackBox {
  /// What differs between tracks in `tkhd`, `mdhd` and `hdlr`.
  struct Header {
    var trackId: UInt32
    var timescale: UInt32
    /// `tkhd` alternate_group: 0 for video, 1 for audio.
    var alternateGroup: UInt16 = 0
    /// `tkhd` volume in 8.8 fixed point: 0 for video, 0x0100 (1.0) for audio.
    var volume: UInt16 = 0
    /// The presentation size in pixels (0 x 0 for audio).
    var width = 0
    var height = 0
    /// ISO-639-2/T language of `mdhd`.
    var language = "und"
    /// `hdlr` handler_type and name: `vide` / `VideoHandler`, `soun` / `SoundHandler`.
    var handlerType: StaticString
    var handlerName: String
  }

  /// `trak` with `header`'s fields; `mediaHeader` writes `vmhd` or `smhd`, `sampleTable` the
  /// `stbl`.
  static func write(
    _ header: Header, to writer: inout ByteWriter, mediaHeader: (inout ByteWriter) -> Void,
    sampleTable: (inout ByteWriter) -> Void
  ) {
    writer.box("trak") { trak in
      writeTrackHeader(header, to: &trak)
      trak.box("mdia") { mdia in
        writeMediaHeader(header, to: &mdia)
        mdia.fullBox("hdlr", version: 0, flags: 0) { box in
          box.u32(0)  // pre_defined
          box.fourCC(header.handlerType)
          box.zeros(12)  // reserved
          box.nullTerminated(header.handlerName)
        }
        mdia.box("minf") { minf in
          mediaHeader(&minf)
          SampleTableBox.writeDataInformation(to: &minf)
          sampleTable(&minf)
        }
      }
    }
  }

  /// The video track: `vmhd` and the `avc1` sample table.
  static func write(_ track: VideoTrackDescription, to writer: inout ByteWriter) {
    // The presentation size: pixels of `pasp`'s shape shown at their displayed width.
    var width = track.width
    if let aspect = track.pixelAspectRatio, !aspect.isSquare, aspect.verticalSpacing > 0 {
      width = Int(
        (Double(track.width) * Double(aspect.horizontalSpacing) / Double(aspect.verticalSpacing))
          .rounded())
    }
    let header = Header(
      trackId: track.trackId, timescale: track.timescale, width: width, height: track.height,
      handlerType: "vide", handlerName: "VideoHandler")
    write(header, to: &writer) { minf in
      minf.fullBox("vmhd", version: 0, flags: 1) { vmhd in
        vmhd.u16(0)  // graphicsmode: copy
        vmhd.zeros(6)  // opcolor
      }
    } sampleTable: { minf in
      SampleTableBox.write(track, to: &minf)
    }
  }

  /// `tkhd` v0, flags enabled|in_movie, width/height in 16.16 fixed point.
  private static func writeTrackHeader(_ header: Header, to writer: inout ByteWriter) {
    writer.fullBox("tkhd", version: 0, flags: 0x000003) { box in
      box.u32(0)  // creation_time
      box.u32(0)  // modification_time
      box.u32(header.trackId)
      box.u32(0)  // reserved
      box.u32(0)  // duration
      box.zeros(8)  // reserved
      box.u16(0)  // layer
      box.u16(header.alternateGroup)
      box.u16(header.volume)
      box.u16(0)  // reserved
      MovieBox.writeUnityMatrix(&box)
      box.u32(UInt32(UInt16(clamping: header.width)) << 16)
      box.u32(UInt32(UInt16(clamping: header.height)) << 16)
    }
  }

  /// `mdhd` v0 with the media timescale, duration 0 and the language.
  private static func writeMediaHeader(_ header: Header, to writer: inout ByteWriter) {
    writer.fullBox("mdhd", version: 0, flags: 0) { box in
      box.u32(0)  // creation_time
      box.u32(0)  // modification_time
      box.u32(header.timescale)
      box.u32(0)  // duration
      box.u16(packedLanguage(header.language))  // pad + three 5-bit letters
      box.u16(0)  // pre_defined
    }
  }

  /// ISO-639-2/T code in three 5-bit letters (`und` for anything that is not 3 lowercase letters).
  static func packedLanguage(_ code: String) -> UInt16 {
    let letters = Array(code.utf8)
    let valid = letters.count == 3 && letters.allSatisfy { (0x61...0x7A).contains($0) }
    let use = valid ? letters : Array("und".utf8)
    return use.reduce(UInt16(0)) { ($0 << 5) | UInt16($1 - 0x60) }
  }
}
