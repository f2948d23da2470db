import HESPAVC

/// An `avc1`/`avc3` VisualSampleEntry (ISO/IEC 14496-12 §12.1.3, 14496-15 §5.4.2) of an `stsd`.
public struct VisualSampleEntry: Sendable, Equatable {
  /// The sample entry type, e.g. `"avc1"`.
  public var format: String
  /// data_reference_index (1: this file).
  public var dataReferenceIndex: UInt16
  /// Coded width in pixels as stored in the entry.
  public var width: Int
  /// Coded height in pixels as stored in the entry.
  public var height: Int
  /// The decoded `avcC` child.
  public var avc: AVCConfiguration
  /// The raw `avcC` payload, for byte comparisons.
  public var decoderConfigurationRecord: [UInt8]
  /// The `colr` child of type `nclx`, nil when there is none (or another colour type).
  public var colour: ColourInformation?
  /// The `pasp` child, nil when there is none.
  public var pixelAspectRatio: PixelAspectRatio?

  /// Decodes an `avc1`/`avc3` box of `bytes` and its `avcC`; throws MP4Error naming the box and offset.
  public init(_ box: MP4Box, in bytes: [UInt8]) throws {
    guard box.type == "avc1" || box.type == "avc3" else {
      throw MP4Error(
        box: box.type, byteOffset: box.offset,
        reason: "sample entry type is not avc1/avc3 (unsupported)")
    }
    var reader = try BoxDecoding.reader(for: box, type: box.type, in: bytes)
    format = box.type
    try reader.skip(6, "reserved")
    dataReferenceIndex = try reader.u16("data_reference_index")
    try reader.skip(16, "pre_defined/reserved")
    width = Int(try reader.u16("width"))
    height = Int(try reader.u16("height"))
    let avcC = try box.requiredChild("avcC")
    var recordReader = try BoxDecoding.reader(for: avcC, type: "avcC", in: bytes)
    decoderConfigurationRecord = recordReader.rest()
    avc = try AVCConfiguration(
      decoderConfigurationRecord: decoderConfigurationRecord,
      boxOffset: avcC.payloadRange.lowerBound)
    if let colr = box.child("colr") {
      var colourReader = try BoxDecoding.reader(for: colr, type: "colr", in: bytes)
      if try colourReader.fourCC("colour_type") == "nclx" {
        colour = ColourInformation(
          primaries: try colourReader.u16("colour_primaries"),
          transfer: try colourReader.u16("transfer_characteristics"),
          matrix: try colourReader.u16("matrix_coefficients"),
          fullRange: try colourReader.u8("full_range_flag") & 0x80 != 0)
      }
    }
    if let pasp = box.child("pasp") {
      var aspectReader = try BoxDecoding.reader(for: pasp, type: "pasp", in: bytes)
      pixelAspectRatio = PixelAspectRatio(
        horizontalSpacing: try aspectReader.u32("hSpacing"),
        verticalSpacing: try aspectReader.u32("vSpacing"))
    }
    do {
      try avc.validate()
    } catch let error as MP4Error {
      throw MP4Error(box: "avcC", byteOffset: avcC.offset, reason: "\(error.box): \(error.reason)")
    } catch let error as AVCError {
      throw MP4Error(
        box: "avcC", byteOffset: avcC.offset, reason: "\(error.structure): \(error.reason)")
    }
  }
}
