/// One problem `hesp verify` found: the file (relative to the package root), the byte offset in
/// that file where it was found, and why it is wrong.
public struct VerifyFinding: Codable, Sendable, Equatable, CustomStringConvertible {
  /// Path relative to the package directory, e.g. `video/720p/init-41.m4s`.
  public var file: String
  /// Byte offset in `file` (0 when the problem is the file as a whole, e.g. it is missing).
  public var byteOffset: Int
  /// What is wrong, one line.
  public var message: String

  public init(file: String, byteOffset: Int, message: String) {
    self.file = file
    self.byteOffset = byteOffset
    self.message = message
  }

  /// `video/720p/init-41.m4s at byte 1234: emsg offset 99999 is past the end of content-1.m4s`.
  public var description: String { "\(file) at byte \(byteOffset): \(message)" }
}
