import HESPCore
import Testing

@testable import HESPMP4

@Suite struct MP4BoxParserTests {
  @Test func theHeaderTreeHasEveryBoxAtItsOffset() throws {
    let header = CMAFWriter.header(SyntheticFiles.track)
    let boxes = try MP4BoxParser.parse(header)
    #expect(boxes.map(\.type) == ["ftyp", "moov"])
    #expect(boxes[0].range == 0..<24)
    #expect(boxes[1].range == 24..<header.count)
    let moov = boxes[1]
    #expect(moov.children.map(\.type) == ["mvhd", "trak", "mvex"])
    let stsd = try #require(moov.descendant("trak/mdia/minf/stbl/stsd"))
    #expect(stsd.children.map(\.type) == ["avc1"])
    #expect(stsd.children[0].children.map(\.type) == ["avcC"])
    #expect(
      moov.descendant("trak/mdia/minf/stbl")?.children.map(\.type) == [
        "stsd", "stts", "stsc", "stsz", "stco",
      ])
    #expect(boxes.allSatisfy { $0.headerSize == 8 })
  }

  @Test func aBoxRunningPastTheEndIsRejectedWithItsTypeAndOffset() {
    let bytes = CMAFWriter.segmentType() + [0, 0, 0, 100] + Array("mdat".utf8) + [1, 2, 3]
    let error = #expect(throws: MP4Error.self) { try MP4BoxParser.parse(bytes) }
    #expect(error?.box == "mdat")
    #expect(error?.byteOffset == 24)
    #expect(error?.description.contains("runs past the end") == true)
  }

  @Test func aSizeSmallerThanTheHeaderIsRejected() {
    let error = #expect(throws: MP4Error.self) {
      try MP4BoxParser.parse([0, 0, 0, 4] + Array("free".utf8))
    }
    #expect(error?.box == "free")
    #expect(error?.byteOffset == 0)
  }

  @Test func aTruncatedHeaderNamesTheEnclosingBox() {
    var moof = CMAFWriter.chunk(
      sequenceNumber: 1, trackId: 1, sample: SyntheticFiles.sample(index: 0, isSync: true))
    // Shrink the moof so that 4 bytes of a child header remain inside it.
    moof.removeSubrange(8..<24)  // drop mfhd
    moof[3] = moof[3] - 16 - 12  // moof size now cuts traf short
    let error = #expect(throws: MP4Error.self) { try MP4BoxParser.parse(moof) }
    #expect(error?.box == "traf" || error?.box == "moof")
  }

  @Test func largeSizeAndUUIDHeadersAreUnderstood() throws {
    let large: [UInt8] = [0, 0, 0, 1] + Array("free".utf8) + [0, 0, 0, 0, 0, 0, 0, 18] + [9, 9]
    let uuid: [UInt8] =
      [0, 0, 0, 26] + Array("uuid".utf8) + Array(repeating: 0xAB, count: 16) + [7, 7]
    let boxes = try MP4BoxParser.parse(large + uuid)
    #expect(boxes.map(\.headerSize) == [16, 24])
    #expect(boxes[0].payloadRange == 16..<18)
    #expect(boxes[1].payloadRange == 42..<44)
  }

  @Test func sizeZeroExtendsToTheEndOnlyAtTopLevel() throws {
    let boxes = try MP4BoxParser.parse([0, 0, 0, 0] + Array("mdat".utf8) + [1, 2, 3])
    #expect(boxes[0].size == 11)
    let nested: [UInt8] = [0, 0, 0, 16] + Array("moof".utf8) + [0, 0, 0, 0] + Array("mfhd".utf8)
    let error = #expect(throws: MP4Error.self) { try MP4BoxParser.parse(nested) }
    #expect(error?.box == "mfhd")
    #expect(error?.byteOffset == 8)
  }

  @Test func deeplyNestedContainersAreRejectedNotRecursedForever() {
    let depth = 40
    var bytes: [UInt8] = []
    for level in 0..<depth {
      let size = UInt32((depth - level) * 8)
      bytes += [
        UInt8(size >> 24), UInt8((size >> 16) & 0xFF), UInt8((size >> 8) & 0xFF),
        UInt8(size & 0xFF),
      ]
      bytes += Array("moov".utf8)
    }
    let error = #expect(throws: MP4Error.self) { try MP4BoxParser.parse(bytes) }
    #expect(error?.description.contains("nested deeper") == true)
  }

  @Test func everyTruncationOfAnInitPacketAndASegmentIsRejectedOrEndsOnABoxBoundary() throws {
    for bytes in [SyntheticFiles.initPacket(frame: 3), SyntheticFiles.segment(frames: 0..<3)] {
      let boundaries = Set(try MP4BoxParser.parse(bytes).map(\.range.upperBound))
      for length in 0..<bytes.count {
        let prefix = Array(bytes.prefix(length))
        do {
          _ = try SyntheticFiles.decodeEverything(prefix)
          #expect(
            length == 0 || boundaries.contains(length), "prefix of \(length) bytes was accepted")
        } catch let error as MP4Error {
          #expect(error.byteOffset >= 0 && error.byteOffset <= length)
          #expect(!error.box.isEmpty)
        }
      }
    }
  }

  @Test func randomCorruptionsThrowMP4ErrorOrDecodeButNeverCrash() throws {
    let original = SyntheticFiles.initPacket(frame: 2) + SyntheticFiles.segment(frames: 3..<6)
    var generator = SplitMix64(seed: 2020)
    var rejected = 0
    for _ in 0..<3000 {
      var bytes = original
      for _ in 0..<Int.random(in: 1...4, using: &generator) {
        let position = Int.random(in: 0..<bytes.count, using: &generator)
        bytes[position] = UInt8.random(in: 0...255, using: &generator)
      }
      if Bool.random(using: &generator) {
        bytes.removeLast(Int.random(in: 0..<40, using: &generator))
      }
      do {
        _ = try SyntheticFiles.decodeEverything(bytes)
      } catch is MP4Error {
        rejected += 1
      }
    }
    #expect(rejected > 500)
  }
}
