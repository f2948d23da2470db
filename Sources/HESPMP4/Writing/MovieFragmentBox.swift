/// One CMAF chunk or fragment: `moof` (ISO/IEC 14496-12 §8.8.4) with one `traf` holding one
/// `trun` of the given samples, and the `mdat` with their data.
enum MovieFragmentBox {
  /// `tfhd` flag: the base data offset is the start of the `moof` (§8.8.7.1).
  static let defaultBaseIsMoof: UInt32 = 0x02_0000
  /// `trun` flags: data offset, per-sample duration, size, flags, composition time offset.
  static let trackRunFlags: UInt32 = 0x00_0001 | 0x00_0100 | 0x00_0200 | 0x00_0400 | 0x00_0800

  /// `samples` must be non-empty and contiguous in decode time (checked by the caller).
  static func write(
    sequenceNumber: UInt32, trackId: UInt32, samples: [MP4Sample], to writer: inout ByteWriter
  ) {
    let moofStart = writer.bytes.count
    var dataOffsetPosition = 0
    let payloadByteCount = samples.reduce(0) { $0 + $1.data.count }
    writer.box("moof") { moof in
      moof.fullBox("mfhd", version: 0, flags: 0) { $0.u32(sequenceNumber) }
      moof.box("traf") { traf in
        traf.fullBox("tfhd", version: 0, flags: defaultBaseIsMoof) { $0.u32(trackId) }
        traf.fullBox("tfdt", version: 1, flags: 0) { $0.u64(samples.first?.decodeTimeTicks ?? 0) }
        // Version 1 (signed offsets) only when an offset is negative: v0 is read by everyone.
        let version: UInt8 = samples.contains { $0.compositionOffsetTicks < 0 } ? 1 : 0
        traf.fullBox("trun", version: version, flags: trackRunFlags) { trun in
          trun.u32(UInt32(samples.count))
          dataOffsetPosition = trun.bytes.count
          trun.i32(0)  // data_offset, patched below
          for sample in samples {
            trun.u32(sample.durationTicks)
            trun.u32(UInt32(clamping: sample.data.count))
            trun.u32(sample.isSync ? SampleFlags.sync : SampleFlags.nonSync)
            trun.i32(sample.compositionOffsetTicks)
          }
        }
      }
    }
    let mdatHeaderSize = payloadByteCount + 8 > Int(UInt32.max) ? 16 : 8
    let dataOffset = writer.bytes.count - moofStart + mdatHeaderSize
    writer.patchI32(at: dataOffsetPosition, Int32(clamping: dataOffset))
    writer.box("mdat") { mdat in
      for sample in samples { mdat.bytes(sample.data) }
    }
  }
}
