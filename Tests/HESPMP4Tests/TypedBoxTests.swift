import HESPTestSupport
import Testing

@testable import HESPMP4

/// Typed decoders on hand-built boxes: the versions and fields hesp's writer does not produce.
@Suite struct TypedBoxTests {
  private func box(_ type: String, _ payload: [UInt8]) -> [UInt8] {
    let size = UInt32(payload.count + 8)
    return [
      UInt8(size >> 24), UInt8((size >> 16) & 0xFF), UInt8((size >> 8) & 0xFF), UInt8(size & 0xFF),
    ]
      + Array(type.utf8) + payload
  }

  @Test func anEventMessageVersion1HasAnAbsolutePresentationTime() throws {
    let bytes = box(
      "emsg",
      Hex.bytes("01000000 00000064 0000000100000000 0000000a 00000002")
        + Array("urn:a\0b\0".utf8) + [0xEE])
    let file = try MP4File(bytes: bytes)
    let message = try #require(try file.eventMessages().first?.message)
    #expect(message.version == 1)
    #expect(message.timescale == 100)
    #expect(message.presentationTime == 1 << 32)
    #expect(message.eventDuration == 10)
    #expect(message.id == 2)
    #expect(message.schemeIdURI == "urn:a" && message.value == "b")
    #expect(message.messageData == [0xEE])
  }

  @Test func anEventMessageWithoutATerminatingNulIsRejected() {
    let bytes = box("emsg", Hex.bytes("00000000") + Array("urn:theo".utf8))
    let error = #expect(throws: MP4Error.self) { try MP4File(bytes: bytes).eventMessages() }
    #expect(error?.box == "emsg")
    #expect(error?.byteOffset == 12)
  }

  @Test func anUnknownVersionIsRejectedWithTheBoxAndOffset() throws {
    var bytes = SyntheticFiles.segment(frames: 0..<1)
    let tfdt = try #require(try MP4File(bytes: bytes).boxes[1].descendant("traf/tfdt"))
    bytes[tfdt.offset + 8] = 2
    let error = #expect(throws: MP4Error.self) {
      try MP4File(bytes: bytes).fragments(defaults: TrackExtends(trackId: 1))
    }
    #expect(error?.box == "tfdt")
    #expect(error?.byteOffset == tfdt.offset)
    #expect(error?.description.contains("unknown version 2") == true)
  }

  @Test func aSegmentIndexVersion1ListsItsReferences() throws {
    let bytes = box(
      "sidx",
      Hex.bytes("01000000 00000001 00003200 0000000000000400 0000000000000000 0000 0002")
        + Hex.bytes("000001f4 00000200 90000000") + Hex.bytes("80000010 00000200 00000000"))
    let index = try #require(try MP4File(bytes: bytes).segmentIndexes().first)
    #expect(index.referenceId == 1 && index.timescale == 12800)
    #expect(index.earliestPresentationTime == 1024)
    #expect(index.references.map(\.referencedSize) == [500, 16])
    #expect(index.references.map(\.referencesIndex) == [false, true])
    #expect(index.references.map(\.startsWithSAP) == [true, false])
    #expect(index.references[0].sapType == 1)
  }

  @Test func aSegmentIndexClaimingMoreReferencesThanItHoldsIsRejected() {
    let bytes = box("sidx", Hex.bytes("00000000 00000001 00003200 00000000 00000000 0000 ffff"))
    let error = #expect(throws: MP4Error.self) { try MP4File(bytes: bytes).segmentIndexes() }
    #expect(error?.box == "sidx")
  }

  @Test func aTrackRunWhoseSampleLiesOutsideTheMdatIsRejected() throws {
    var bytes = CMAFWriter.chunk(
      sequenceNumber: 1, trackId: 1, sample: SyntheticFiles.sample(index: 0, isSync: true))
    bytes[95] &+= 1  // sample_size one byte larger than the mdat payload
    let error = #expect(throws: MP4Error.self) { try MP4File(bytes: bytes).fragments() }
    #expect(error?.box == "trun")
    #expect(error?.byteOffset == 68)
  }

  @Test func aMoofWithoutItsMdatIsRejected() throws {
    let chunk = CMAFWriter.chunk(
      sequenceNumber: 1, trackId: 1, sample: SyntheticFiles.sample(index: 0, isSync: true))
    let bytes = Array(chunk.prefix(104)) + CMAFWriter.segmentType()
    let error = #expect(throws: MP4Error.self) { try MP4File(bytes: bytes).fragments() }
    #expect(error?.box == "moof")
    #expect(error?.byteOffset == 0)
  }

  @Test func aFragmentOfAnotherTrackThanTheHeadersIsRejected() {
    let bytes = CMAFWriter.chunk(
      sequenceNumber: 1, trackId: 2, sample: SyntheticFiles.sample(index: 0, isSync: true))
    let error = #expect(throws: MP4Error.self) {
      try MP4File(bytes: bytes).fragments(defaults: TrackExtends(trackId: 1))
    }
    #expect(error?.box == "tfhd")
  }

  @Test func aHeaderWithoutMoovIsRejected() {
    let bytes = Array(CMAFWriter.header(SyntheticFiles.track).prefix(24))
    let error = #expect(throws: MP4Error.self) { try MP4File(bytes: bytes).header() }
    #expect(error?.description == "box 'file' at byte 24: has no 'moov' box")
  }

  @Test func aHandMadeBoxOutsideTheBufferIsRejectedNotTrapped() {
    let bytes = CMAFWriter.segmentType()
    for box in [
      MP4Box(type: "styp", offset: 8, size: 24, headerSize: 8),
      MP4Box(type: "styp", offset: -1, size: 24, headerSize: 8),
      MP4Box(type: "styp", offset: 0, size: 4, headerSize: 8),
    ] {
      let error = #expect(throws: MP4Error.self) { try FileType(box, in: bytes) }
      #expect(error?.box == "styp")
    }
  }
}
