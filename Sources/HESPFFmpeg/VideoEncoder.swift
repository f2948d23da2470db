import CFFmpeg

/// An opened libx264 encoder (`AVCodecContext`) writing H.264 with global headers: the SPS/PPS
/// are in `extradata`, packets are Annex B access units without parameter sets.
public final class VideoEncoder {
  let context: UnsafeMutablePointer<AVCodecContext>
  public let settings: EncoderSettings

  /// Opens libx264 with `settings`. Throws `FFmpegError` naming the failing call (an unknown
  /// preset or x264 option fails in `avcodec_open2`).
  public init(settings: EncoderSettings) throws {
    guard let codec = avcodec_find_encoder_by_name("libx264") else {
      throw FFmpegError(call: "avcodec_find_encoder_by_name(libx264)", code: hesp_averror(ENOENT))
    }
    guard let context = avcodec_alloc_context3(codec) else {
      throw FFmpegError(call: "avcodec_alloc_context3", code: -12)
    }
    self.context = context
    self.settings = settings
    context.pointee.width = Int32(settings.width)
    context.pointee.height = Int32(settings.height)
    context.pointee.pix_fmt = AV_PIX_FMT_YUV420P
    context.pointee.color_range = AVCOL_RANGE_MPEG
    if let colour = settings.colour {
      context.pointee.color_primaries = AVColorPrimaries(
        rawValue: UInt32(clamping: colour.primaries))
      context.pointee.color_trc = AVColorTransferCharacteristic(
        rawValue: UInt32(clamping: colour.transfer))
      context.pointee.colorspace = AVColorSpace(rawValue: UInt32(clamping: colour.matrix))
    }
    if let sar = settings.sampleAspectRatio, sar.width > 0, sar.height > 0, sar.width != sar.height
    {
      context.pointee.sample_aspect_ratio = AVRational(
        num: Int32(sar.width), den: Int32(sar.height))
    }
    context.pointee.time_base = AVRational(
      num: Int32(settings.frameRateDenominator), den: Int32(settings.frameRateNumerator))
    context.pointee.framerate = AVRational(
      num: Int32(settings.frameRateNumerator), den: Int32(settings.frameRateDenominator))
    context.pointee.gop_size = Int32(settings.gopFrames)
    context.pointee.keyint_min = Int32(settings.gopFrames)
    context.pointee.max_b_frames = 0
    context.pointee.refs = 1
    context.pointee.thread_count = Int32(settings.threadCount)
    context.pointee.flags |= AV_CODEC_FLAG_GLOBAL_HEADER
    let options = context.pointee.priv_data
    try check(
      av_opt_set(options, "preset", settings.preset, 0), "av_opt_set(preset=\(settings.preset))")
    switch settings.rateControl {
    case .bitRate(let bitsPerSecond, let maxBitsPerSecond, let bufferBits):
      context.pointee.bit_rate = Int64(bitsPerSecond)
      context.pointee.rc_max_rate = Int64(maxBitsPerSecond)
      context.pointee.rc_buffer_size = Int32(bufferBits)
    case .constantQP(let qp):
      try check(av_opt_set(options, "qp", String(qp), 0), "av_opt_set(qp=\(qp))")
    }
    if settings.everyFrameIsIDR {
      try check(av_opt_set(options, "forced-idr", "1", 0), "av_opt_set(forced-idr)")
    }
    if !settings.x264Parameters.isEmpty {
      try check(
        av_opt_set(options, "x264-params", settings.x264Parameters, 0), "av_opt_set(x264-params)")
    }
    try check(avcodec_open2(context, codec, nil), "avcodec_open2(libx264)")
  }

  deinit {
    var toFree: UnsafeMutablePointer<AVCodecContext>? = context
    avcodec_free_context(&toFree)
  }

  /// SPS and PPS as Annex B NAL units (the encoder's global header).
  public var extradata: [UInt8] {
    guard let data = context.pointee.extradata, context.pointee.extradata_size > 0 else {
      return []
    }
    return Array(UnsafeBufferPointer(start: data, count: Int(context.pointee.extradata_size)))
  }

  /// Sends `frame` as frame number `frameNumber` (its presentation time in 1/frame-rate units);
  /// nil starts draining. The frame itself is not modified (a new reference carries the fields).
  public func send(_ frame: Frame?, frameNumber: Int64) throws {
    guard let frame else {
      try check(avcodec_send_frame(context, nil), "avcodec_send_frame(flush)")
      return
    }
    let input = try frame.reference()
    input.pointer.pointee.pts = frameNumber
    input.pointer.pointee.pict_type =
      settings.everyFrameIsIDR ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE
    input.pointer.pointee.color_range = AVCOL_RANGE_MPEG
    try check(avcodec_send_frame(context, input.pointer), "avcodec_send_frame")
  }

  /// The next coded packet (timestamps are frame numbers), or nil when the encoder needs more
  /// input (or is fully drained).
  public func receivePacket() throws -> Packet? {
    let packet = try Packet()
    let result = avcodec_receive_packet(context, packet.pointer)
    if result == errorAgain || result == errorEndOfFile { return nil }
    try check(result, "avcodec_receive_packet")
    return packet
  }
}
