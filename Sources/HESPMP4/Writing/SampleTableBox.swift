/// `stbl` of a fragmented track (ISO/IEC 14496-12 §8.5): one sample entry (the video track's
/// `avc1` with its `avcC`, ISO/IEC 14496-15 §5.4.2, or the audio track's `mp4a`) and empty
/// `stts`, `stsc`, `stsz`, `stco`; and the `dinf/dref` every track of this file carries.
enum SampleTableBox {
  static func write(_ track: VideoTrackDescription, to writer: inout ByteWriter) {
    write(to: &writer) { writeVisualSampleEntry(track, to: &$0) }
  }

  /// `stbl` around the sample entry `writeEntry` writes.
  static func write(to writer: inout ByteWriter, sampleEntry writeEntry: (inout ByteWriter) -> Void)
  {
    writer.box("stbl") { stbl in
      stbl.fullBox("stsd", version: 0, flags: 0) { stsd in
        stsd.u32(1)  // entry_count
        writeEntry(&stsd)
      }
      stbl.fullBox("stts", version: 0, flags: 0) { $0.u32(0) }
      stbl.fullBox("stsc", version: 0, flags: 0) { $0.u32(0) }
      stbl.fullBox("stsz", version: 0, flags: 0) { box in
        box.u32(0)  // sample_size
        box.u32(0)  // sample_count
      }
      stbl.fullBox("stco", version: 0, flags: 0) { $0.u32(0) }
    }
  }

  /// `dinf` with one self-contained `url ` entry: the media is in this file.
  static func writeDataInformation(to writer: inout ByteWriter) {
    writer.box("dinf") { dinf in
      dinf.fullBox("dref", version: 0, flags: 0) { dref in
        dref.u32(1)
        dref.fullBox("url ", version: 0, flags: 1) { _ in }
      }
    }
  }

  /// `avc1` VisualSampleEntry (§12.1.3): 72 dpi, one frame per sample, depth 24, then `avcC`,
  /// `colr` (nclx) when the colour is known and `pasp` when pixels are not square.
  private static func writeVisualSampleEntry(
    _ track: VideoTrackDescription, to writer: inout ByteWriter
  ) {
    writer.box("avc1") { entry in
      entry.zeros(6)  // reserved
      entry.u16(1)  // data_reference_index
      entry.zeros(2 + 2 + 12)  // pre_defined, reserved, pre_defined
      entry.u16(UInt16(clamping: track.width))
      entry.u16(UInt16(clamping: track.height))
      entry.u32(0x0048_0000)  // horizresolution 72 dpi
      entry.u32(0x0048_0000)  // vertresolution 72 dpi
      entry.u32(0)  // reserved
      entry.u16(1)  // frame_count
      entry.zeros(32)  // compressorname: empty Pascal string
      entry.u16(0x0018)  // depth
      entry.u16(0xFFFF)  // pre_defined = -1
      entry.box("avcC") { $0.bytes(track.avc.decoderConfigurationRecord) }
      if let colour = track.colour {
        entry.box("colr") { colr in
          colr.fourCC("nclx")
          colr.u16(colour.primaries)
          colr.u16(colour.transfer)
          colr.u16(colour.matrix)
          colr.u8(colour.fullRange ? 0x80 : 0)  // full_range_flag + 7 reserved bits
        }
      }
      if let aspect = track.pixelAspectRatio, !aspect.isSquare {
        entry.box("pasp") { pasp in
          pasp.u32(aspect.horizontalSpacing)
          pasp.u32(aspect.verticalSpacing)
        }
      }
    }
  }
}
