/// `moov` of a CMAF header (ISO/IEC 14496-12 §8.2): `mvhd`, one `trak`, and `mvex/trex`
/// announcing that samples come in movie fragments.
enum MovieBox {
  /// Movie timescale of `mvhd` (durations there are 0: the movie is fragmented).
  static let movieTimescale: UInt32 = 1000

  static func write(_ track: VideoTrackDescription, to writer: inout ByteWriter) {
    writer.box("moov") { moov in
      writeMovieHeader(nextTrackId: track.trackId &+ 1, to: &moov)
      TrackBox.write(track, to: &moov)
      moov.box("mvex") { mvex in
        writeTrackExtends(trackId: track.trackId, to: &mvex)
      }
    }
  }

  /// The unity matrix of `mvhd`/`tkhd` (16.16 and 2.30 fixed point).
  static func writeUnityMatrix(_ writer: inout ByteWriter) {
    for value: UInt32 in [0x0001_0000, 0, 0, 0, 0x0001_0000, 0, 0, 0, 0x4000_0000] {
      writer.u32(value)
    }
  }

  static func writeMovieHeader(nextTrackId: UInt32, to writer: inout ByteWriter) {
    writer.fullBox("mvhd", version: 0, flags: 0) { box in
      box.u32(0)  // creation_time
      box.u32(0)  // modification_time
      box.u32(movieTimescale)
      box.u32(0)  // duration: unknown/fragmented
      box.u32(0x0001_0000)  // rate 1.0
      box.u16(0x0100)  // volume 1.0
      box.zeros(2 + 8)  // reserved
      writeUnityMatrix(&box)
      box.zeros(6 * 4)  // pre_defined
      box.u32(nextTrackId)
    }
  }

  /// `trex` (§8.8.3): sample description 1, no other defaults (every `trun` carries its own).
  static func writeTrackExtends(trackId: UInt32, to writer: inout ByteWriter) {
    writer.fullBox("trex", version: 0, flags: 0) { box in
      box.u32(trackId)
      box.u32(1)  // default_sample_description_index
      box.u32(0)  // default_sample_duration
      box.u32(0)  // default_sample_size
      box.u32(0)  // default_sample_flags
    }
  }
}
