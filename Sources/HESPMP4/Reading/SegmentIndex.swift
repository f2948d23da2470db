/// `sidx` (ISO/IEC 14496-12 §8.16.3), versions 0 and 1.
public struct SegmentIndex: Sendable, Equatable {
  /// One subsegment (or nested index) entry.
  public struct Reference: Sendable, Equatable {
    /// true: the reference points at another sidx; false: at media (moof+mdat).
    public var referencesIndex: Bool
    /// Bytes of the referenced subsegment (31 bits).
    public var referencedSize: UInt32
    /// In `timescale` ticks.
    public var subsegmentDuration: UInt32
    /// starts_with_SAP.
    public var startsWithSAP: Bool
    /// SAP_type (1: IDR).
    public var sapType: UInt8
    /// SAP_delta_time (28 bits).
    public var sapDeltaTime: UInt32

    /// A reference from its fields (media reference, SAP delta 0 by default).
    public init(
      referencesIndex: Bool = false, referencedSize: UInt32, subsegmentDuration: UInt32,
      startsWithSAP: Bool,
      sapType: UInt8, sapDeltaTime: UInt32 = 0
    ) {
      self.referencesIndex = referencesIndex
      self.referencedSize = referencedSize
      self.subsegmentDuration = subsegmentDuration
      self.startsWithSAP = startsWithSAP
      self.sapType = sapType
      self.sapDeltaTime = sapDeltaTime
    }
  }

  /// 0 (32-bit times) or 1 (64-bit).
  public var version: UInt8
  /// reference_ID (the track).
  public var referenceId: UInt32
  /// Ticks per second of the times in the index.
  public var timescale: UInt32
  /// Of the first referenced subsegment, in `timescale` ticks.
  public var earliestPresentationTime: UInt64
  /// Bytes from the end of this box to the first referenced byte.
  public var firstOffset: UInt64
  /// The entries, in order.
  public var references: [Reference]

  /// Decodes a `sidx` box of `bytes`; throws MP4Error naming the box and offset.
  public init(_ box: MP4Box, in bytes: [UInt8]) throws {
    let full = try BoxDecoding.fullBoxReader(for: box, type: "sidx", in: bytes, maximumVersion: 1)
    var reader = full.reader
    version = full.version
    referenceId = try reader.u32("reference_ID")
    timescale = try reader.u32("timescale")
    if version == 0 {
      earliestPresentationTime = UInt64(try reader.u32("earliest_presentation_time"))
      firstOffset = UInt64(try reader.u32("first_offset"))
    } else {
      earliestPresentationTime = try reader.u64("earliest_presentation_time")
      firstOffset = try reader.u64("first_offset")
    }
    try reader.skip(2, "reserved")
    let count = Int(try reader.u16("reference_count"))
    guard count * 12 <= reader.remaining else {
      throw MP4Error(
        box: "sidx", byteOffset: box.offset,
        reason: "reference_count \(count) needs \(count * 12) bytes, \(reader.remaining) left")
    }
    references = []
    for _ in 0..<count {
      let typeAndSize = try reader.u32("referenced_size")
      let duration = try reader.u32("subsegment_duration")
      let sap = try reader.u32("SAP")
      references.append(
        Reference(
          referencesIndex: typeAndSize >> 31 == 1, referencedSize: typeAndSize & 0x7FFF_FFFF,
          subsegmentDuration: duration, startsWithSAP: sap >> 31 == 1,
          sapType: UInt8((sap >> 28) & 7),
          sapDeltaTime: sap & 0x0FFF_FFFF))
    }
  }
}
