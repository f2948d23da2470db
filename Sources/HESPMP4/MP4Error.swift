/// A malformed or unsupported ISO-BMFF input (or avcC record), with the box and byte offset
/// where the problem was found.
public struct MP4Error: Error, CustomStringConvertible, Sendable, Equatable {
  /// The four-character box type (`"moof"`), or a name such as `"extradata"`.
  public var box: String
  /// Byte offset of the problem from the start of the buffer that was parsed.
  public var byteOffset: Int
  /// Why the input was rejected.
  public var reason: String

  /// An error about `box` at `byteOffset`.
  public init(box: String, byteOffset: Int, reason: String) {
    self.box = box
    self.byteOffset = byteOffset
    self.reason = reason
  }

  /// One line: `box 'trun' at byte 1234: sample count 9 needs 144 bytes, 80 left`.
  public var description: String {
    "box '\(box)' at byte \(byteOffset): \(reason)"
  }
}
