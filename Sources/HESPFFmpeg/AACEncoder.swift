import CFFmpeg

/// FFmpeg's native AAC-LC encoder with a global header: `audioSpecificConfig` is the
/// AudioSpecificConfig of an `esds`, packets are raw AAC frames of `frameSize` samples.
public final class AACEncoder {
  let context: UnsafeMutablePointer<AVCodecContext>
  public let sampleRate: Int
  public let channelCount: Int

  /// One coded AAC frame; `presentationTime` in samples (the first one is negative: the
  /// encoder's priming frame).
  public struct CodedFrame: Sendable, Equatable {
    public var bytes: [UInt8]
    public var presentationTime: Int64
    public var duration: Int64
  }

  public init(sampleRate: Int, channelCount: Int, bitsPerSecond: Int) throws {
    guard let codec = avcodec_find_encoder(AV_CODEC_ID_AAC) else {
      throw FFmpegError(call: "avcodec_find_encoder(aac)", code: hesp_averror(ENOENT))
    }
    guard let context = avcodec_alloc_context3(codec) else {
      throw FFmpegError(call: "avcodec_alloc_context3", code: -12)
    }
    self.context = context
    self.sampleRate = sampleRate
    self.channelCount = channelCount
    context.pointee.sample_fmt = AV_SAMPLE_FMT_FLTP
    context.pointee.sample_rate = Int32(sampleRate)
    av_channel_layout_default(&context.pointee.ch_layout, Int32(channelCount))
    context.pointee.bit_rate = Int64(bitsPerSecond)
    context.pointee.time_base = AVRational(num: 1, den: Int32(sampleRate))
    context.pointee.profile = FF_PROFILE_AAC_LOW
    context.pointee.flags |= AV_CODEC_FLAG_GLOBAL_HEADER
    context.pointee.thread_count = 1
    try check(avcodec_open2(context, codec, nil), "avcodec_open2(aac)")
  }

  deinit {
    var toFree: UnsafeMutablePointer<AVCodecContext>? = context
    avcodec_free_context(&toFree)
  }

  /// Samples per frame the encoder takes (1024).
  public var frameSize: Int { Int(context.pointee.frame_size) }

  /// The AudioSpecificConfig (ISO/IEC 14496-3 §1.6.2.1).
  public var audioSpecificConfig: [UInt8] {
    guard let data = context.pointee.extradata, context.pointee.extradata_size > 0 else {
      return []
    }
    return Array(UnsafeBufferPointer(start: data, count: Int(context.pointee.extradata_size)))
  }

  /// Sends one frame of `planes` (one array per channel, `frameSize` samples, fewer only for
  /// the last) starting at sample `presentationTime`; nil starts draining.
  public func send(_ planes: [[Float]]?, presentationTime: Int64) throws {
    guard let planes else {
      try check(avcodec_send_frame(context, nil), "avcodec_send_frame(flush)")
      return
    }
    let frame = try Frame()
    let count = planes.first?.count ?? 0
    frame.pointer.pointee.nb_samples = Int32(count)
    frame.pointer.pointee.format = AV_SAMPLE_FMT_FLTP.rawValue
    frame.pointer.pointee.sample_rate = Int32(sampleRate)
    av_channel_layout_default(&frame.pointer.pointee.ch_layout, Int32(channelCount))
    try check(av_frame_get_buffer(frame.pointer, 0), "av_frame_get_buffer")
    for (channel, samples) in planes.enumerated() where channel < channelCount && count > 0 {
      guard let plane = frame.pointer.pointee.extended_data[channel] else { continue }
      plane.withMemoryRebound(to: Float.self, capacity: count) { target in
        samples.withUnsafeBufferPointer { target.update(from: $0.baseAddress!, count: count) }
      }
    }
    frame.pointer.pointee.pts = presentationTime
    try check(avcodec_send_frame(context, frame.pointer), "avcodec_send_frame")
  }

  /// The next coded frame, or nil when the encoder needs more input (or is fully drained).
  public func receive() throws -> CodedFrame? {
    let packet = try Packet()
    let result = avcodec_receive_packet(context, packet.pointer)
    if result == errorAgain || result == errorEndOfFile { return nil }
    try check(result, "avcodec_receive_packet")
    return CodedFrame(
      bytes: packet.bytes, presentationTime: packet.presentationTime ?? 0,
      duration: packet.pointer.pointee.duration)
  }
}
