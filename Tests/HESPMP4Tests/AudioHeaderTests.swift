import HESPTestSupport
import Testing

@testable import HESPMP4

/// The audio `header.mp4`: `soun` track, `smhd`, `mp4a` + `esds` (ISO/IEC 14496-12 §12.2,
/// 14496-14 §5.6, 14496-1 §7.2.6), written and read back.
@Suite struct AudioHeaderTests {
  /// AAC-LC, 48 kHz, stereo: object type 2, frequency index 3, channel configuration 2.
  static let lowComplexityConfig: [UInt8] = [0x11, 0x90]
  static let track = AudioTrackDescription(
    timescale: 48000, sampleRate: 48000, channelCount: 2, audioSpecificConfig: lowComplexityConfig,
    maxBitsPerSecond: 140_000, averageBitsPerSecond: 128_000, bufferSizeBytes: 700, language: "eng")

  @Test func theElementaryStreamDescriptorMatchesTheHandCheckedBytes() {
    let expected = Hex.bytes(
      """
      03 80808022 0000 00
        04 80808014 40 15 0002bc 000222e0 0001f400
          05 80808002 1190
        06 80808001 02
      """)
    #expect(AudioTrackBox.elementaryStreamDescriptor(Self.track) == expected)
  }

  @Test func codecStringsFollowTheAudioObjectType() {
    #expect(Self.track.codecString == "mp4a.40.2")
    var heAAC = Self.track
    heAAC.audioSpecificConfig = [0x2B, 0x92, 0x08, 0x00]  // object type 5 (SBR)
    #expect(heAAC.codecString == "mp4a.40.5")
    heAAC.audioSpecificConfig = [0xF8, 0x20]  // escape 31: 32 + 1 = 33
    #expect(heAAC.codecString == "mp4a.40.33")
    heAAC.audioSpecificConfig = []
    #expect(heAAC.codecString == "mp4a.40")
  }

  @Test func theHeaderReadsBackWithEveryField() throws {
    let bytes = CMAFWriter.header(Self.track)
    let file = try MP4File(bytes: bytes)
    #expect(file.topLevelTypes == ["ftyp", "moov"])
    let header = try file.audioHeader()
    #expect(header.handler.handlerType == "soun")
    #expect(header.timescale == 48000)
    #expect(header.mediaHeader.language == "eng")
    #expect(header.channelCount == 2)
    #expect(header.sampleRate == 48000)
    #expect(header.objectTypeIndication == 0x40)
    #expect(header.audioSpecificConfig == Self.lowComplexityConfig)
    #expect(header.codecString == "mp4a.40.2")
    #expect(header.trackExtends.trackId == 1)
    #expect(header.byteRange == 0..<bytes.count)
    // A video header is not an audio one, and the other way round.
    #expect(throws: MP4Error.self) { try file.header() }
  }

  @Test func anUnknownLanguageIsWrittenAsUnd() throws {
    var track = Self.track
    track.language = "English"
    let header = try MP4File(bytes: CMAFWriter.header(track)).audioHeader()
    #expect(header.mediaHeader.language == "und")
  }

  @Test func everyTruncationOfTheHeaderThrowsAnMP4Error() {
    let bytes = CMAFWriter.header(Self.track)
    for length in 0..<bytes.count {
      #expect(throws: MP4Error.self) {
        try MP4File(bytes: Array(bytes.prefix(length))).audioHeader()
      }
    }
  }
}
