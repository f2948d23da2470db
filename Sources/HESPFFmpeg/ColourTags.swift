import CFFmpeg

/// Colour code points of a stream or picture (ISO/IEC 23091-2 numbers, as in the H.264 VUI and
/// `colr` nclx; FFmpeg's enums use the same values). 2 means unspecified.
public struct ColourTags: Sendable, Equatable, Hashable {
  public var primaries: Int
  public var transfer: Int
  public var matrix: Int
  /// 0 unspecified, 1 limited (MPEG, "tv"), 2 full (JPEG, "pc").
  public var range: Int

  public static let unspecifiedCode = 2

  public init(primaries: Int, transfer: Int, matrix: Int, range: Int) {
    self.primaries = primaries
    self.transfer = transfer
    self.matrix = matrix
    self.range = range
  }

  /// BT.709 primaries, transfer and matrix, limited range.
  public static let bt709 = ColourTags(primaries: 1, transfer: 1, matrix: 1, range: 1)

  /// FFmpeg's names (`bt709`, `smpte2084`, `bt2020nc`, `tv`); `unknown` for unspecified.
  public var primariesName: String {
    Self.name(av_color_primaries_name(AVColorPrimaries(rawValue: UInt32(clamping: primaries))))
  }
  public var transferName: String {
    Self.name(
      av_color_transfer_name(AVColorTransferCharacteristic(rawValue: UInt32(clamping: transfer))))
  }
  public var matrixName: String {
    Self.name(av_color_space_name(AVColorSpace(rawValue: UInt32(clamping: matrix))))
  }
  public var rangeName: String {
    Self.name(av_color_range_name(AVColorRange(rawValue: UInt32(clamping: range))))
  }

  private static func name(_ text: UnsafePointer<CChar>?) -> String {
    guard let text else { return "unknown" }
    let name = String(cString: text)
    return name == "unspecified" ? "unknown" : name
  }
}
