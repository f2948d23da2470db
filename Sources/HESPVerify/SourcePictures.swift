import HESPFFmpeg

/// The source video's pictures, scaled to a track's size the way the packager does (bicubic
/// to 4:2:0 limited range, unscaled when size and format already match), read front to back for
/// the "loss against the source" of `--source`. Not thread-safe: the verifier gives all GOPs of
/// a track with a source to one job, so one task reads it at a time.
// @unchecked: FFmpeg demuxer, decoder and scaler state, used by one task at a time (see above).
final class SourcePictures: @unchecked Sendable {
  private let input: InputFile
  private let decoder: VideoDecoder
  private let packet: Packet
  private let width: Int
  private let height: Int
  private var scaler: Scaler?
  private var nextFrame = 0
  private var readingEnded = false
  private var drained = false

  init(path: String, width: Int, height: Int) throws {
    input = try InputFile(path: path)
    decoder = try VideoDecoder(input: input)
    packet = try Packet()
    self.width = width
    self.height = height
  }

  /// Packed planes of source frames `range` (ascending calls only); nil when the source ends first.
  func pictures(_ range: Range<Int>) throws -> [[UInt8]]? {
    var pictures: [[UInt8]] = []
    while nextFrame < range.upperBound {
      guard let frame = try decodeNext() else { return nil }
      defer { nextFrame += 1 }
      guard nextFrame >= range.lowerBound else { continue }
      scaler = try Scaler.fitting(frame, width: width, height: height, current: scaler)
      pictures.append(try (scaler?.scale(frame) ?? frame).planeBytes())
    }
    return pictures
  }

  private func decodeNext() throws -> Frame? {
    while true {
      if let frame = try decoder.receiveFrame() { return frame }
      if drained { return nil }
      if readingEnded {
        drained = true
        continue
      }
      if try input.readVideoPacket(into: packet) {
        try decoder.send(packet)
      } else {
        readingEnded = true
        try decoder.send(nil)
      }
    }
  }
}
