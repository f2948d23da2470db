import CFFmpeg

/// An owned `AVPacket`: one coded frame, with timestamps in its producer's time base.
public final class Packet {
  let pointer: UnsafeMutablePointer<AVPacket>

  /// An empty packet, to be filled by a demuxer or an encoder.
  public init() throws {
    guard let packet = av_packet_alloc() else {
      throw FFmpegError(call: "av_packet_alloc", code: -12)
    }
    pointer = packet
  }

  /// A packet holding a copy of `bytes` (for feeding a decoder).
  public convenience init(
    bytes: [UInt8], presentationTime: Int64, decodeTime: Int64, isKeyframe: Bool
  )
    throws
  {
    try self.init()
    try check(av_new_packet(pointer, Int32(bytes.count)), "av_new_packet")
    if !bytes.isEmpty {
      bytes.withUnsafeBufferPointer { source in
        pointer.pointee.data.update(from: source.baseAddress!, count: bytes.count)
      }
    }
    pointer.pointee.pts = presentationTime
    pointer.pointee.dts = decodeTime
    if isKeyframe { pointer.pointee.flags |= AV_PKT_FLAG_KEY }
  }

  deinit {
    var packet: UnsafeMutablePointer<AVPacket>? = pointer
    av_packet_free(&packet)
  }

  /// A copy of the coded bytes.
  public var bytes: [UInt8] {
    let count = Int(pointer.pointee.size)
    guard count > 0, let data = pointer.pointee.data else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: count))
  }

  public var byteCount: Int { Int(pointer.pointee.size) }
  /// Presentation time in the producer's time base, nil when unset.
  public var presentationTime: Int64? {
    pointer.pointee.pts == noTimestamp ? nil : pointer.pointee.pts
  }
  /// Decode time in the producer's time base, nil when unset.
  public var decodeTime: Int64? { pointer.pointee.dts == noTimestamp ? nil : pointer.pointee.dts }
  public var isKeyframe: Bool { pointer.pointee.flags & AV_PKT_FLAG_KEY != 0 }
  /// The demuxer marks it to be decoded but not shown (outside an mp4 edit list): the decoder
  /// drops its picture.
  public var isDiscarded: Bool { pointer.pointee.flags & AV_PKT_FLAG_DISCARD != 0 }

  func unref() { av_packet_unref(pointer) }
}
