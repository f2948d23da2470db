import CFFmpeg

/// An opened video decoder (`AVCodecContext` of a decoder).
public final class VideoDecoder {
  let context: UnsafeMutablePointer<AVCodecContext>

  /// A decoder for the video stream of `input`.
  /// - Parameter threadCount: decoder threads, 0 = FFmpeg's choice.
  public init(input: InputFile, threadCount: Int = 0) throws {
    guard let context = avcodec_alloc_context3(input.decoderCodec) else {
      throw FFmpegError(call: "avcodec_alloc_context3", code: -12)
    }
    self.context = context
    try check(
      avcodec_parameters_to_context(context, input.stream.pointee.codecpar),
      "avcodec_parameters_to_context")
    context.pointee.pkt_timebase = input.stream.pointee.time_base
    context.pointee.thread_count = Int32(threadCount)
    try check(avcodec_open2(context, input.decoderCodec, nil), "avcodec_open2(decoder)")
  }

  /// An H.264 decoder for a stream whose parameter sets are `extradata` (Annex B or avcC), such
  /// as an encoder's own output.
  /// - Parameter keepsCodedSize: output the whole coded picture (e.g. 640x368 for 360p), not
  ///   the cropped one: what a lossless re-encode needs to be bit-exact.
  public init(h264Extradata extradata: [UInt8], keepsCodedSize: Bool = false, threadCount: Int = 1)
    throws
  {
    guard let codec = avcodec_find_decoder(AV_CODEC_ID_H264) else {
      throw FFmpegError(call: "avcodec_find_decoder(h264)", code: hesp_averror(ENOENT))
    }
    guard let context = avcodec_alloc_context3(codec) else {
      throw FFmpegError(call: "avcodec_alloc_context3", code: -12)
    }
    self.context = context
    if !extradata.isEmpty {
      let size = extradata.count
      guard
        let buffer = av_mallocz(size + Int(AV_INPUT_BUFFER_PADDING_SIZE))?.assumingMemoryBound(
          to: UInt8.self)
      else {
        throw FFmpegError(call: "av_mallocz", code: -12)
      }
      extradata.withUnsafeBufferPointer { buffer.update(from: $0.baseAddress!, count: size) }
      context.pointee.extradata = buffer
      context.pointee.extradata_size = Int32(size)
    }
    context.pointee.thread_count = Int32(threadCount)
    if keepsCodedSize { context.pointee.apply_cropping = 0 }
    try check(avcodec_open2(context, codec, nil), "avcodec_open2(h264 decoder)")
  }

  deinit {
    var toFree: UnsafeMutablePointer<AVCodecContext>? = context
    avcodec_free_context(&toFree)
  }

  /// Sends one packet; nil starts draining (end of stream).
  public func send(_ packet: Packet?) throws {
    try check(avcodec_send_packet(context, packet?.pointer), "avcodec_send_packet")
  }

  /// The next decoded frame, or nil when the decoder needs more input (or is fully drained).
  public func receiveFrame() throws -> Frame? {
    let frame = try Frame()
    let result = avcodec_receive_frame(context, frame.pointer)
    if result == errorAgain || result == errorEndOfFile { return nil }
    try check(result, "avcodec_receive_frame")
    return frame
  }
}
