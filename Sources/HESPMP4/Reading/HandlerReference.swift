/// `hdlr` (ISO/IEC 14496-12 §8.4.3).
public struct HandlerReference: Sendable, Equatable {
  /// `"vide"` for video.
  public var handlerType: String
  /// The handler name (without its NUL).
  public var name: String

  /// Decodes a `hdlr` box of `bytes`; throws MP4Error naming the box and offset.
  public init(_ box: MP4Box, in bytes: [UInt8]) throws {
    let full = try BoxDecoding.fullBoxReader(for: box, type: "hdlr", in: bytes, maximumVersion: 0)
    var reader = full.reader
    try reader.skip(4, "pre_defined")
    handlerType = try reader.fourCC("handler_type")
    try reader.skip(12, "reserved")
    // The name should be NUL-terminated; some writers omit the NUL, so take what is there.
    let rest = reader.rest()
    name = String(decoding: rest.prefix { $0 != 0 }, as: UTF8.self)
  }
}
