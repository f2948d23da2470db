/// A malformed or unsupported H.264 bitstream: the syntax structure (a parameter set, a slice,
/// the Annex B stream), the byte offset in it where the problem was found, and why.
public struct AVCError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The structure that was being read: `"SPS"`, `"PPS"`, `"slice"`, `"Annex B"`, ...
  public var structure: String
  /// Byte offset of the problem from the start of the bytes that were parsed.
  public var byteOffset: Int
  /// Why the input was rejected.
  public var reason: String

  /// An error about `structure` at `byteOffset`.
  public init(_ structure: String, byteOffset: Int, reason: String) {
    self.structure = structure
    self.byteOffset = byteOffset
    self.reason = reason
  }

  /// One line: `H.264 SPS at byte 3: bit depth above 14`.
  public var description: String {
    "H.264 \(structure) at byte \(byteOffset): \(reason)"
  }
}
