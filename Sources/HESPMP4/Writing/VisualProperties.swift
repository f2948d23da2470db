/// `colr` of type `nclx` (ISO/IEC 14496-12 §12.1.5): the colour code points of ISO/IEC 23091-2
/// (the same numbers as the H.264 VUI), written after `avcC` so players that ignore the VUI
/// still see them.
public struct ColourInformation: Sendable, Equatable, Hashable {
  public var primaries: UInt16
  public var transfer: UInt16
  public var matrix: UInt16
  public var fullRange: Bool

  public init(primaries: UInt16, transfer: UInt16, matrix: UInt16, fullRange: Bool) {
    self.primaries = primaries
    self.transfer = transfer
    self.matrix = matrix
    self.fullRange = fullRange
  }

  /// BT.709 primaries, transfer and matrix, limited range.
  public static let bt709 = ColourInformation(
    primaries: 1, transfer: 1, matrix: 1, fullRange: false)
}

/// `pasp` (ISO/IEC 14496-12 §12.1.4): the shape of one pixel, horizontal spacing over vertical.
public struct PixelAspectRatio: Sendable, Equatable, Hashable, CustomStringConvertible {
  public var horizontalSpacing: UInt32
  public var verticalSpacing: UInt32

  public init(horizontalSpacing: UInt32, verticalSpacing: UInt32) {
    self.horizontalSpacing = horizontalSpacing
    self.verticalSpacing = verticalSpacing
  }

  public var isSquare: Bool { horizontalSpacing == verticalSpacing }
  public var description: String { "\(horizontalSpacing):\(verticalSpacing)" }
}
