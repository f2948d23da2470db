/// `mfhd` (ISO/IEC 14496-12 §8.8.5).
public struct MovieFragmentHeader: Sendable, Equatable {
  /// sequence_number.
  public var sequenceNumber: UInt32

  /// Decodes a `mfhd` box of `bytes`; throws MP4Error naming the box and offset.
  public init(_ box: MP4Box, in bytes: [UInt8]) throws {
    var reader = try BoxDecoding.fullBoxReader(for: box, type: "mfhd", in: bytes, maximumVersion: 0)
      .reader
    sequenceNumber = try reader.u32("sequence_number")
  }
}
