/// `ftyp` or `styp` (ISO/IEC 14496-12 §4.3, §8.16.2).
public struct FileType: Sendable, Equatable {
  /// e.g. `iso6` or `cmfs`.
  public var majorBrand: String
  /// minor_version.
  public var minorVersion: UInt32
  /// In file order.
  public var compatibleBrands: [String]

  /// A file type from its fields.
  public init(majorBrand: String, minorVersion: UInt32, compatibleBrands: [String]) {
    self.majorBrand = majorBrand
    self.minorVersion = minorVersion
    self.compatibleBrands = compatibleBrands
  }

  /// Decodes an `ftyp` or `styp` box.
  public init(_ box: MP4Box, in bytes: [UInt8]) throws {
    guard box.type == "ftyp" || box.type == "styp" else {
      throw MP4Error(box: box.type, byteOffset: box.offset, reason: "expected 'ftyp' or 'styp'")
    }
    var reader = try BoxDecoding.reader(for: box, type: box.type, in: bytes)
    majorBrand = try reader.fourCC("major_brand")
    minorVersion = try reader.u32("minor_version")
    guard reader.remaining % 4 == 0 else {
      throw MP4Error(
        box: box.type, byteOffset: reader.absoluteOffset,
        reason: "\(reader.remaining) bytes of compatible brands is not a multiple of 4")
    }
    compatibleBrands = []
    while !reader.isAtEnd { compatibleBrands.append(try reader.fourCC("compatible_brand")) }
  }

  /// Whether `brand` is the major brand or a compatible brand.
  public func contains(_ brand: String) -> Bool {
    majorBrand == brand || compatibleBrands.contains(brand)
  }
}
