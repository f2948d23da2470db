/// `trak` of the video track (ISO/IEC 14496-12 §8.3-8.7): `tkhd`, `mdia` with `mdhd`, `hdlr`
/// and `minf` (`vmhd`, `dinf/dref`, `stbl`).
enum TrackBox {
  static func write(_ track: VideoTrackDescription, to writer: inout ByteWriter) {
    writer.box("trak") { trak in
      writeTrackHeader(track, to: &trak)
      trak.box("mdia") { mdia in
        writeMediaHeader(timescale: track.timescale, to: &mdia)
        writeHandler(&mdia)
        mdia.box("minf") { minf in
          minf.fullBox("vmhd", version: 0, flags: 1) { vmhd in
            vmhd.u16(0)  // graphicsmode: copy
            vmhd.zeros(6)  // opcolor
          }
          SampleTableBox.writeDataInformation(to: &minf)
          SampleTableBox.write(track, to: &minf)
        }
      }
    }
  }

  /// `tkhd` v0, flags enabled|in_movie, width/height in 16.16 fixed point (the width as shown
  /// when `pasp` is not square).
  private static func writeTrackHeader(_ track: VideoTrackDescription, to writer: inout ByteWriter)
  {
    writer.fullBox("tkhd", version: 0, flags: 0x000003) { box in
      box.u32(0)  // creation_time
      box.u32(0)  // modification_time
      box.u32(track.trackId)
      box.u32(0)  // reserved
      box.u32(0)  // duration
      box.zeros(8)  // reserved
      box.u16(0)  // layer
      box.u16(0)  // alternate_group
      box.u16(0)  // volume: 0 for video
      box.u16(0)  // reserved
      MovieBox.writeUnityMatrix(&box)
      // The presentation size: pixels of `pasp`'s shape shown at their displayed width.
      var width = track.width
      if let aspect = track.pixelAspectRatio, !aspect.isSquare, aspect.verticalSpacing > 0 {
        width = Int(
          (Double(track.width) * Double(aspect.horizontalSpacing) / Double(aspect.verticalSpacing))
            .rounded())
      }
      box.u32(UInt32(UInt16(clamping: width)) << 16)
      box.u32(UInt32(UInt16(clamping: track.height)) << 16)
    }
  }

  /// `mdhd` v0 with the media timescale, duration 0 and language `und`.
  private static func writeMediaHeader(timescale: UInt32, to writer: inout ByteWriter) {
    writer.fullBox("mdhd", version: 0, flags: 0) { box in
      box.u32(0)  // creation_time
      box.u32(0)  // modification_time
      box.u32(timescale)
      box.u32(0)  // duration
      box.u16(0x55C4)  // pad + ISO-639-2/T "und" packed in 5-bit letters
      box.u16(0)  // pre_defined
    }
  }

  private static func writeHandler(_ writer: inout ByteWriter) {
    writer.fullBox("hdlr", version: 0, flags: 0) { box in
      box.u32(0)  // pre_defined
      box.fourCC("vide")
      box.zeros(12)  // reserved
      box.nullTerminated("VideoHandler")
    }
  }
}
