/// `trak` of an AAC audio track (ISO/IEC 14496-12 §8.3-8.7, §12.2; ISO/IEC 14496-14 §5.6):
/// `TrackBox` with volume 1.0, the language, `hdlr` `soun`, `smhd`, and `stbl` holding one
/// `mp4a` + `esds` and empty sample tables.
enum AudioTrackBox {
  static func write(_ track: AudioTrackDescription, to writer: inout ByteWriter) {
    let header = TrackBox.Header(
      trackId: track.trackId, timescale: track.timescale,
      alternateGroup: 1,  // audio tracks form group 1
      volume: 0x0100, language: track.language, handlerType: "soun", handlerName: "SoundHandler")
    TrackBox.write(header, to: &writer) { minf in
      minf.fullBox("smhd", version: 0, flags: 0) { smhd in
        smhd.u16(0)  // balance
        smhd.u16(0)  // reserved
      }
    } sampleTable: { minf in
      SampleTableBox.write(to: &minf) { writeAudioSampleEntry(track, to: &$0) }
    }
  }

  /// `mp4a` AudioSampleEntry (§12.2.3, version 0): channel count, 16-bit samples, the sample
  /// rate in 16.16 (0 above 65535, where `mdhd` still carries it), then `esds`.
  static func writeAudioSampleEntry(_ track: AudioTrackDescription, to writer: inout ByteWriter) {
    writer.box("mp4a") { entry in
      entry.zeros(6)  // reserved
      entry.u16(1)  // data_reference_index
      entry.zeros(8)  // reserved (version, revision, vendor)
      entry.u16(UInt16(clamping: track.channelCount))
      entry.u16(16)  // samplesize
      entry.u16(0)  // pre_defined
      entry.u16(0)  // reserved
      entry.u32(track.sampleRate <= 0xFFFF ? UInt32(track.sampleRate) << 16 : 0)
      entry.fullBox("esds", version: 0, flags: 0) { esds in
        esds.bytes(elementaryStreamDescriptor(track))
      }
    }
  }

  /// ES_Descriptor (ISO/IEC 14496-1 §7.2.6.5) with its DecoderConfigDescriptor (object type
  /// 0x40 = MPEG-4 Audio, stream type 5 = audio), DecoderSpecificInfo (the
  /// AudioSpecificConfig) and SLConfigDescriptor (predefined 2, as MP4 requires). Sizes use
  /// the 4-byte form, as FFmpeg writes them.
  static func elementaryStreamDescriptor(_ track: AudioTrackDescription) -> [UInt8] {
    var decoderConfig = ByteWriter(capacity: 32)
    decoderConfig.u8(0x40)  // objectTypeIndication: MPEG-4 Audio
    decoderConfig.u8(0x15)  // streamType 5 (audio) << 2 | upStream 0 | reserved 1
    decoderConfig.u24(UInt32(clamping: track.bufferSizeBytes))
    decoderConfig.u32(UInt32(clamping: track.maxBitsPerSecond))
    decoderConfig.u32(UInt32(clamping: track.averageBitsPerSecond))
    decoderConfig.bytes(descriptor(tag: 0x05, track.audioSpecificConfig))
    var elementary = ByteWriter(capacity: 64)
    elementary.u16(0)  // ES_ID
    elementary.u8(0)  // no stream dependence, URL or OCR stream
    elementary.bytes(descriptor(tag: 0x04, decoderConfig.bytes))
    elementary.bytes(descriptor(tag: 0x06, [0x02]))
    return descriptor(tag: 0x03, elementary.bytes)
  }

  /// tag, 4-byte expandable size (0x80 continuation bits), payload.
  static func descriptor(tag: UInt8, _ payload: [UInt8]) -> [UInt8] {
    let size = payload.count
    return [
      tag, UInt8(0x80 | ((size >> 21) & 0x7F)), UInt8(0x80 | ((size >> 14) & 0x7F)),
      UInt8(0x80 | ((size >> 7) & 0x7F)), UInt8(size & 0x7F),
    ] + payload
  }
}
