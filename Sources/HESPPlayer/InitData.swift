import Foundation
import HESPMP4

/// The `initdata` event of an init packet (`emsg`, scheme `urn:theo:hesp:2020`): the
/// continuation segment and byte offset where frame n + 1 resumes (HESP draft §6.2.1). The
/// player reads it from the packet's first bytes, as they arrive.
struct InitData: Sendable, Equatable {
  var segment: Int?
  var offset: Int?
  /// The packet's frame number (the event's `id`): the one served, which a live server's
  /// Compatibility rule may have chosen instead of the number asked for.
  var frame: Int? = nil

  static let scheme = "urn:theo:hesp:2020"

  private struct Pointer: Decodable {
    var index: Int?
    var offset: Int?
  }

  /// Finds the `initdata` event among the top-level boxes of `bytes` (the start of an init
  /// packet). Returns nil while more bytes are needed; throws when the packet has none.
  static func find(in bytes: [UInt8]) throws -> InitData? {
    var offset = 0
    while offset + 8 <= bytes.count {
      let size32 = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
      let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
      var size = size32
      if size32 == 1 {
        guard offset + 16 <= bytes.count else { return nil }
        size = bytes[offset + 8..<offset + 16].reduce(0) { $0 << 8 | Int($1) }
      }
      guard size >= 8 else { throw PlayerError("init packet: bad box size at byte \(offset)") }
      if type == "moof" || type == "mdat" {
        throw PlayerError("init packet: no initdata event before its media")
      }
      if type == "emsg" {
        guard offset + size <= bytes.count else { return nil }
        let slice = Array(bytes[offset..<offset + size])
        let boxes = try MP4BoxParser.parse(slice)
        guard let box = boxes.first else { return nil }
        let event = try EventMessage(box, in: slice)
        if event.schemeIdURI == scheme && event.value == "initdata" {
          let pointer = try? JSONDecoder().decode(Pointer.self, from: Data(event.messageData))
          return InitData(
            segment: pointer?.index, offset: pointer?.offset, frame: Int(event.id))
        }
      }
      offset += size
    }
    return nil
  }
}
