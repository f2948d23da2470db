import HESPAVC
import HESPTestSupport
import Testing

@testable import HESPMP4

/// What the writer writes, the reader reads back field for field.
@Suite struct RoundTripTests {
  @Test func theHeaderReadsBackWithItsTimescaleSizeAndDecoderConfiguration() throws {
    let track = VideoTrackDescription(
      trackId: 3, timescale: 15360, width: 1280, height: 720, avc: TestParameterSets.configuration)
    let header = try MP4File(bytes: CMAFWriter.header(track)).header()
    #expect(
      header.fileType
        == FileType(majorBrand: "iso6", minorVersion: 0, compatibleBrands: ["iso6", "cmfc"]))
    #expect(header.movieHeader.timescale == 1000)
    #expect(header.movieHeader.nextTrackId == 4)
    #expect(header.trackId == 3)
    #expect(header.trackHeader.flags == 3)
    #expect(header.trackHeader.width == 1280 && header.trackHeader.height == 720)
    #expect(header.trackHeader.widthFixed16 == 1280 << 16)
    #expect(header.timescale == 15360)
    #expect(header.mediaHeader.language == "und")
    #expect(header.handler.handlerType == "vide")
    #expect(header.handler.name == "VideoHandler")
    #expect(header.sampleEntry.format == "avc1")
    #expect(header.sampleEntry.width == 1280 && header.sampleEntry.height == 720)
    #expect(header.sampleEntry.avc == TestParameterSets.configuration)
    #expect(
      header.sampleEntry.decoderConfigurationRecord
        == TestParameterSets.configuration.decoderConfigurationRecord)
    #expect(header.trackExtends == TrackExtends(trackId: 3))
  }

  @Test func aChunkReadsBackWithItsSequenceTimeFlagsAndData() throws {
    var sample = SyntheticFiles.sample(index: 7, isSync: false, byteCount: 300)
    sample.compositionOffsetTicks = -1024
    let bytes =
      CMAFWriter.segmentType() + CMAFWriter.chunk(sequenceNumber: 42, trackId: 1, sample: sample)
    let file = try MP4File(bytes: bytes)
    #expect(file.topLevelTypes == ["styp", "moof", "mdat"])
    #expect(try file.segmentType()?.majorBrand == "cmfs")
    let fragment = try #require(try file.fragments().first)
    #expect(fragment.sequenceNumber == 42)
    #expect(fragment.trackId == 1)
    #expect(fragment.trackFragmentHeader.isDefaultBaseMoof)
    #expect(fragment.trackFragmentHeader.baseDataOffset == nil)
    #expect(fragment.decodeTime.version == 1)
    #expect(fragment.decodeTime.baseMediaDecodeTime == 7 * 512)
    #expect(fragment.runs.map(\.version) == [1])
    let read = try #require(fragment.samples.first)
    #expect(fragment.samples.count == 1)
    #expect(read.decodeTimeTicks == 7 * 512)
    #expect(read.durationTicks == 512)
    #expect(read.compositionOffsetTicks == -1024)
    #expect(read.flags == SampleFlags.nonSync)
    #expect(!read.isSync)
    #expect(file.data(of: read) == sample.data)
    #expect(read.dataRange == fragment.mdat.payloadRange)
  }

  @Test func syncSamplesCarryDependsOnTwoAndNothingElse() throws {
    let bytes = CMAFWriter.chunk(
      sequenceNumber: 1, trackId: 1, sample: SyntheticFiles.sample(index: 0, isSync: true))
    let sample = try #require(try MP4File(bytes: bytes).fragments().first?.samples.first)
    #expect(sample.flags == 0x0200_0000)
    #expect(SampleFlags.dependsOn(sample.flags) == 2)
    #expect(sample.isSync)
  }

  @Test func theInitDataEventReadsBack() throws {
    let file = try MP4File(bytes: SyntheticFiles.initPacket(frame: 5))
    #expect(file.topLevelTypes == ["ftyp", "moov", "emsg", "moof", "mdat"])
    let message = try #require(try file.eventMessages().first?.message)
    #expect(message.version == 0)
    #expect(message.schemeIdURI == "urn:theo:hesp:2020")
    #expect(message.value == "initdata")
    #expect(message.timescale == 12800)
    #expect(message.presentationTime == 0)
    #expect(message.eventDuration == 512)
    #expect(message.id == 5)
    #expect(message.messageData == SyntheticFiles.initMessage)
    let header = try file.header()
    let fragments = try file.fragments(defaults: header.trackExtends)
    #expect(fragments.map { $0.samples.map(\.decodeTimeTicks) } == [[5 * 512]])
  }

  @Test func aContinuationSegmentReadsBackAsContiguousChunks() throws {
    let file = try MP4File(bytes: SyntheticFiles.segment(frames: 10..<20))
    let fragments = try file.fragments(defaults: TrackExtends(trackId: 1))
    #expect(fragments.map(\.sequenceNumber) == Array(11...20))
    #expect(fragments.map { $0.samples[0].decodeTimeTicks } == (10..<20).map { UInt64($0 * 512) })
    #expect(fragments.map { $0.samples[0].isSync } == (10..<20).map { $0 % 5 == 0 })
    for (previous, next) in zip(fragments, fragments.dropFirst()) {
      #expect(previous.byteRange.upperBound == next.moof.offset)
    }
  }

  @Test func theTreeDescriptionShowsEveryBoxWithItsMainFields() throws {
    let text = try MP4File(bytes: SyntheticFiles.initPacket(frame: 2)).treeDescription()
    let lines = text.split(separator: "\n")
    #expect(lines.first == "ftyp @0 size 24 major=iso6 compatible=iso6,cmfc")
    #expect(lines.contains("            avc1 @413 size 139 160x96 avc1.64000b"))
    #expect(
      lines.contains {
        $0.hasPrefix(
          "emsg @660 size 79 v0 urn:theo:hesp:2020 initdata timescale=12800 duration=512")
      })
    #expect(lines.contains("    tfdt @787 size 20 v1 baseMediaDecodeTime=1024"))
    #expect(lines.contains("    trun @807 size 36 v0 samples=1 dataOffset=112 sync=1"))
    #expect(lines.last == "mdat @843 size 28")
  }

  @Test func aSampleHoldsTheNALUnitTypesItWasWrittenWith() throws {
    let file = try MP4File(
      bytes: CMAFWriter.chunk(
        sequenceNumber: 1, trackId: 1,
        sample: MP4Sample(
          data: Hex.bytes("00000002 0605 00000003 658880"), decodeTimeTicks: 0, durationTicks: 1,
          isSync: true)))
    let sample = try #require(try file.fragments().first?.samples.first)
    #expect(try NALUnits.unitTypes(lengthPrefixed: file.data(of: sample)) == [6, 5])
  }
}
