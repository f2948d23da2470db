/// `sidx` version 1 (ISO/IEC 14496-12 §8.16.3).
enum SegmentIndexBox {
  static func write(
    referenceId: UInt32, timescale: UInt32, earliestPresentationTimeTicks: UInt64,
    firstOffset: UInt64,
    references: [SegmentIndex.Reference], to writer: inout ByteWriter
  ) throws {
    guard references.count <= 0xFFFF else {
      throw MP4Error(
        box: "sidx", byteOffset: 0, reason: "\(references.count) references exceed 65535")
    }
    for (index, reference) in references.enumerated() {
      guard reference.referencedSize <= 0x7FFF_FFFF, reference.sapType <= 7,
        reference.sapDeltaTime <= 0x0FFF_FFFF
      else {
        throw MP4Error(
          box: "sidx", byteOffset: 0,
          reason: "reference \(index) has a field too large for its bits")
      }
    }
    writer.fullBox("sidx", version: 1, flags: 0) { box in
      box.u32(referenceId)
      box.u32(timescale)
      box.u64(earliestPresentationTimeTicks)
      box.u64(firstOffset)
      box.u16(0)  // reserved
      box.u16(UInt16(references.count))
      for reference in references {
        box.u32((reference.referencesIndex ? 0x8000_0000 : 0) | reference.referencedSize)
        box.u32(reference.subsegmentDuration)
        box.u32(
          (reference.startsWithSAP ? 0x8000_0000 : 0) | UInt32(reference.sapType) << 28
            | reference.sapDeltaTime)
      }
    }
  }
}
