import HESPTestSupport
import Testing

@testable import HESPMP4

@Suite struct CMAFWriterTests {
  @Test func theSegmentTypeBoxCarriesTheCMAFSegmentBrands() {
    #expect(CMAFWriter.segmentType() == Array("\0\0\0\u{18}stypcmfs\0\0\0\0cmfsmsdh".utf8))
  }

  @Test func aSyncChunkMatchesTheHandCheckedBytes() {
    let sample = MP4Sample(
      data: Hex.bytes("00000002 6588"), decodeTimeTicks: 1024, durationTicks: 512, isSync: true)
    let expected = Hex.bytes(
      """
      00000068 6d6f6f66
        00000010 6d666864 00000000 00000003
        00000050 74726166
          00000010 74666864 00020000 00000001
          00000014 74666474 01000000 0000000000000400
          00000024 7472756e 00000f01 00000001 00000070 00000200 00000006 02000000 00000000
      0000000e 6d646174 00000002 6588
      """)
    #expect(CMAFWriter.chunk(sequenceNumber: 3, trackId: 1, sample: sample) == expected)
  }

  @Test func aNonSyncChunkWithANegativeOffsetUsesTrunVersion1AndNonSyncFlags() {
    let sample = MP4Sample(
      data: [0, 0, 0, 1, 0x41], decodeTimeTicks: 0x1_0000_0000, durationTicks: 512,
      compositionOffsetTicks: -512, isSync: false)
    let bytes = CMAFWriter.chunk(sequenceNumber: 9, trackId: 2, sample: sample)
    #expect(Array(bytes[8..<24]) == Hex.bytes("00000010 6d666864 00000000 00000009"))  // mfhd
    #expect(Array(bytes[44..<48]) == Hex.bytes("00000002"))  // tfhd track_ID
    #expect(Array(bytes[56..<68]) == Hex.bytes("01000000 0000000100000000"))  // tfdt v1, 64-bit
    #expect(Array(bytes[76..<80]) == Hex.bytes("01000f01"))  // trun version 1
    #expect(Array(bytes[84..<88]) == Hex.bytes("00000070"))  // data_offset = 104 + 8
    #expect(Array(bytes[96..<100]) == Hex.bytes("01010000"))  // depends_on=1, non-sync
    #expect(Array(bytes[100..<104]) == Hex.bytes("fffffe00"))  // -512
  }

  @Test func theEventMessageIsVersion0WithNulTerminatedStrings() {
    let bytes = CMAFWriter.eventMessage(
      schemeIdURI: "urn:x", value: "v", timescale: 1000, presentationTimeDeltaTicks: 0,
      eventDurationTicks: 40, id: 7, messageData: Array("{}".utf8))
    let expected =
      Hex.bytes("00000026 656d7367 00000000") + Array("urn:x\0v\0".utf8)
      + Hex.bytes("000003e8 00000000 00000028 00000007") + Array("{}".utf8)
    #expect(bytes == expected)
  }

  @Test func theHeaderMatchesItsGoldenFile() throws {
    let track = VideoTrackDescription(
      timescale: 12800, width: 160, height: 96, avc: TestParameterSets.configuration)
    let header = CMAFWriter.header(track)
    #expect(header == (try Golden.bytes("header-160x96.mp4", updatingWith: header)))
  }

  @Test func theHeaderStartsWithTheCMAFFileTypeAndStoresTheSizeIn16Dot16() throws {
    let track = VideoTrackDescription(
      timescale: 12800, width: 160, height: 96, avc: TestParameterSets.configuration)
    let header = CMAFWriter.header(track)
    #expect(Array(header[0..<24]) == Array("\0\0\0\u{18}ftypiso6\0\0\0\0iso6cmfc".utf8))
    let tkhd = try #require(header.firstRange(of: Array("tkhd".utf8)))
    let widthOffset = tkhd.lowerBound + 4 + 4 + 72
    #expect(Array(header[widthOffset..<widthOffset + 8]) == Hex.bytes("00a00000 00600000"))
    let avcC = try #require(header.firstRange(of: Array("avcC".utf8)))
    #expect(
      Array(header[avcC.upperBound...]).starts(
        with: TestParameterSets.configuration.decoderConfigurationRecord))
  }

  @Test func aOneSampleFragmentIsTheChunk() throws {
    let sample = SyntheticFiles.sample(index: 4, isSync: false)
    #expect(
      try CMAFWriter.fragment(sequenceNumber: 5, trackId: 1, samples: [sample])
        == CMAFWriter.chunk(sequenceNumber: 5, trackId: 1, sample: sample))
  }

  @Test func aFragmentNeedsContiguousSamples() {
    var samples = (0..<3).map { SyntheticFiles.sample(index: $0, isSync: $0 == 0) }
    samples[2].decodeTimeTicks += 1
    let error = #expect(throws: MP4Error.self) {
      try CMAFWriter.fragment(sequenceNumber: 1, trackId: 1, samples: samples)
    }
    #expect(error?.reason == "sample 2 decodes at 1025, expected 1024")
    #expect(throws: MP4Error.self) {
      try CMAFWriter.fragment(sequenceNumber: 1, trackId: 1, samples: [])
    }
  }

  @Test func aFragmentReadsBackSampleBySample() throws {
    let samples = (0..<4).map {
      SyntheticFiles.sample(index: $0 + 8, isSync: $0 == 0, byteCount: 10 + $0)
    }
    let file = try MP4File(
      bytes: try CMAFWriter.fragment(sequenceNumber: 2, trackId: 1, samples: samples))
    let fragment = try #require(try file.fragments().first)
    #expect(fragment.samples.map(\.decodeTimeTicks) == samples.map(\.decodeTimeTicks))
    #expect(fragment.samples.map(\.isSync) == [true, false, false, false])
    #expect(fragment.samples.map { file.data(of: $0) } == samples.map(\.data))
  }

  @Test func theSegmentIndexMatchesTheHandCheckedBytesAndReadsBack() throws {
    let references = [
      SegmentIndex.Reference(
        referencedSize: 500, subsegmentDuration: 512, startsWithSAP: true, sapType: 1),
      SegmentIndex.Reference(
        referencedSize: 300, subsegmentDuration: 512, startsWithSAP: false, sapType: 0),
    ]
    let bytes = try CMAFWriter.segmentIndex(
      referenceId: 1, timescale: 12800, earliestPresentationTimeTicks: 1024, references: references)
    let expected = Hex.bytes(
      """
      00000040 73696478 01000000 00000001 00003200 0000000000000400 0000000000000000 0000 0002
      000001f4 00000200 90000000
      0000012c 00000200 00000000
      """)
    #expect(bytes == expected)
    let index = try #require(try MP4File(bytes: bytes).segmentIndexes().first)
    #expect(index.references == references)
    #expect(index.earliestPresentationTime == 1024)
  }

  @Test func anOversizedSegmentIndexIsRejected() {
    let reference = SegmentIndex.Reference(
      referencedSize: 1 << 31, subsegmentDuration: 1, startsWithSAP: true, sapType: 1)
    #expect(throws: MP4Error.self) {
      try CMAFWriter.segmentIndex(
        referenceId: 1, timescale: 1, earliestPresentationTimeTicks: 0, references: [reference])
    }
  }

  @Test func anInitPacketMatchesItsGoldenFile() throws {
    let packet = SyntheticFiles.initPacket(frame: 3)
    #expect(packet == (try Golden.bytes("init-packet-160x96.m4s", updatingWith: packet)))
  }

  @Test func writingIsDeterministic() {
    let track = VideoTrackDescription(
      timescale: 15360, width: 1280, height: 720, avc: TestParameterSets.configuration)
    #expect(CMAFWriter.header(track) == CMAFWriter.header(track))
  }
}
