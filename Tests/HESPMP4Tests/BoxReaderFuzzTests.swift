import Testing

@testable import HESPMP4

/// Box sizes rewritten in every way a corrupt or hostile file can: zero, below the header,
/// one byte short or long, past the parent, 32-bit maximum, size 1 with every kind of 64-bit
/// largesize, children claiming their parent's whole size, sample and reference counts at their
/// maximum. Every case either decodes or throws one `MP4Error` naming a box and an offset inside
/// the buffer, quickly, and never traps. Deterministic (no randomness).
@Suite struct BoxReaderFuzzTests {
  static let original = SyntheticFiles.initPacket(frame: 2) + SyntheticFiles.segment(frames: 3..<5)

  /// Every box of the tree with its parent's end (the buffer's end at top level).
  static func allBoxes(_ boxes: [MP4Box], parentEnd: Int) -> [(box: MP4Box, parentEnd: Int)] {
    boxes.flatMap { [($0, parentEnd)] + allBoxes($0.children, parentEnd: $0.range.upperBound) }
  }

  static func bigEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
    (0..<T.bitWidth / 8).reversed().map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
  }

  @Test func everyBoxWithEveryCorruptThirtyTwoBitSizeIsRejectedOrDecoded() throws {
    let boxes = Self.allBoxes(try MP4BoxParser.parse(Self.original), parentEnd: Self.original.count)
    #expect(boxes.count > 40)
    for (box, parentEnd) in boxes {
      let sizes: [UInt32] = [
        0, 1, 4, 7, 8, 15, 16, UInt32(box.size - 1), UInt32(box.size + 1),
        UInt32(parentEnd - box.offset), UInt32(parentEnd - box.offset + 1),
        UInt32(Self.original.count - box.offset + 8),
        0x7FFF_FFFF, 0xFFFF_FFFF,
      ]
      for size in sizes {
        var bytes = Self.original
        bytes.replaceSubrange(box.offset..<box.offset + 4, with: Self.bigEndian(size))
        expectErrorOrDecoded(bytes, "\(box.type)@\(box.offset) size \(size)")
      }
    }
  }

  @Test func sizeOneWithEveryKindOfLargeSizeIsRejectedOrDecoded() throws {
    let boxes = Self.allBoxes(try MP4BoxParser.parse(Self.original), parentEnd: Self.original.count)
    for (box, _) in boxes {
      let largeSizes: [UInt64] = [
        0, 1, 8, 15, 16, UInt64(box.size), UInt64(box.size + 8), UInt64(box.size + 9),
        UInt64(Int.max), UInt64(Int.max) + 1, UInt64.max,
      ]
      for large in largeSizes {
        // The header grows by 8 bytes; parents keep their sizes, so nested boxes now run past them.
        var bytes = Self.original
        bytes.replaceSubrange(box.offset..<box.offset + 4, with: [0, 0, 0, 1])
        bytes.insert(contentsOf: Self.bigEndian(large), at: box.offset + 8)
        expectErrorOrDecoded(bytes, "\(box.type)@\(box.offset) largesize \(large)")
        // A largesize header cut short at the end of the buffer.
        expectErrorOrDecoded(
          Array(bytes.prefix(box.offset + 8 + Int(large % 8))), "\(box.type) cut largesize")
      }
    }
  }

  @Test func childrenClaimingTheirParentsWholeSizeAndLoopingSizesAreRejected() throws {
    // A moov whose only child is a moov of the same size, repeated: each must be smaller than its parent.
    var nested: [UInt8] = []
    for _ in 0..<30 { nested = [0, 0, 0, 8] + Array("moov".utf8) + nested }
    for i in stride(from: 0, to: nested.count, by: 8) {
      nested.replaceSubrange(i..<i + 4, with: Self.bigEndian(UInt32(nested.count)))
    }
    expectErrorOrDecoded(nested, "moov claiming its parent's size")
    // size 1 + largesize 0 and size 0 inside a parent would loop forever in a naive reader.
    expectErrorOrDecoded(
      [0, 0, 0, 1] + Array("free".utf8) + Self.bigEndian(UInt64(0)), "largesize 0")
    expectErrorOrDecoded(
      [0, 0, 0, 24] + Array("moof".utf8) + [0, 0, 0, 0] + Array("free".utf8) + [0, 0, 0, 1]
        + Array("mfhd".utf8), "size 0 inside moof")
    // 100,000 empty boxes: linear, no recursion.
    let empty: [UInt8] = [0, 0, 0, 8] + Array("free".utf8)
    let empties = [[UInt8]](repeating: empty, count: 100_000).flatMap { $0 }
    let start = ContinuousClock.now
    #expect(try MP4BoxParser.parse(empties).count == 100_000)
    #expect(ContinuousClock.now - start < .seconds(10))
  }

  @Test func maximalSampleAndReferenceCountsAreRejectedWithoutHugeAllocations() throws {
    // trun with sample_count 2^32-1 and per-sample sizes: refused from the bytes left.
    let trunFields: [UInt8] =
      [0, 0, 0x02, 0x01] + Self.bigEndian(UInt32.max) + Self.bigEndian(Int32(0))
    let trun = Self.bigEndian(UInt32(8 + trunFields.count)) + Array("trun".utf8) + trunFields
    let trunBox = try #require(try MP4BoxParser.parse(trun).first)
    #expect(throws: MP4Error.self) { try TrackRun(trunBox, in: trun) }
    // trun with no per-sample fields and sample_count above the limit.
    let bare: [UInt8] = [0, 0, 0, 0] + Self.bigEndian(UInt32(TrackRun.maximumSampleCount + 1))
    let bareRun = Self.bigEndian(UInt32(8 + bare.count)) + Array("trun".utf8) + bare
    #expect(throws: MP4Error.self) {
      try TrackRun(try #require(try MP4BoxParser.parse(bareRun).first), in: bareRun)
    }
    // trun with no per-sample fields at the limit: decoded, in bounded time and memory.
    let atLimit: [UInt8] = [0, 0, 0, 0] + Self.bigEndian(UInt32(TrackRun.maximumSampleCount))
    let limitRun = Self.bigEndian(UInt32(8 + atLimit.count)) + Array("trun".utf8) + atLimit
    let start = ContinuousClock.now
    #expect(
      try TrackRun(try #require(try MP4BoxParser.parse(limitRun).first), in: limitRun).samples.count
        == 1 << 20)
    #expect(ContinuousClock.now - start < .seconds(5))
    // sidx with reference_count 65535 and no entries.
    let sidxFields: [UInt8] =
      [0, 0, 0, 0] + Self.bigEndian(UInt32(1)) + Self.bigEndian(UInt32(1000))
      + [UInt8](repeating: 0, count: 8) + [0, 0, 0xFF, 0xFF]
    let sidx = Self.bigEndian(UInt32(8 + sidxFields.count)) + Array("sidx".utf8) + sidxFields
    #expect(throws: MP4Error.self) {
      try SegmentIndex(try #require(try MP4BoxParser.parse(sidx).first), in: sidx)
    }
  }
}

/// Expects `bytes` to decode fully or to throw one `MP4Error` inside the buffer, within 5 s.
func expectErrorOrDecoded(
  _ bytes: [UInt8], _ name: String, sourceLocation: SourceLocation = #_sourceLocation
) {
  let start = ContinuousClock.now
  do {
    let decoded = try SyntheticFiles.decodeEverything(bytes)
    #expect(decoded >= 0, sourceLocation: sourceLocation)
  } catch let error as MP4Error {
    #expect(
      !error.box.isEmpty && error.byteOffset >= 0 && error.byteOffset <= bytes.count
        && !error.description.contains("\n"),
      "\(name): \(error)", sourceLocation: sourceLocation)
  } catch {
    Issue.record("\(name): not an MP4Error: \(error)", sourceLocation: sourceLocation)
  }
  #expect(
    ContinuousClock.now - start < .seconds(5), "\(name) took too long",
    sourceLocation: sourceLocation)
}
