import CFFmpeg

/// An opened media file (`AVFormatContext`) and its best video stream.
public final class InputFile {
  let context: UnsafeMutablePointer<AVFormatContext>
  let stream: UnsafeMutablePointer<AVStream>
  let decoderCodec: UnsafePointer<AVCodec>
  /// Index of the video stream in the file.
  public let videoStreamIndex: Int
  public let video: VideoStreamInfo
  /// Bounds every blocking read (open, probe, `readVideoPacket`), when given.
  public let readDeadline: ReadDeadline?

  /// Why a file cannot be used as video input.
  public enum OpenError: Error, Equatable, Sendable {
    /// The file has streams, but none is video (e.g. audio only).
    case noVideoStream
    /// The file's only pictures are attached pictures (cover art), which are not video.
    case onlyAttachedPictures
    /// FFmpeg has no decoder for the video codec.
    case unsupportedCodec(String)
    /// The container gives no usable frame rate.
    case unknownFrameRate
  }

  /// Opens `path` and reads stream information. Throws `FFmpegError` (naming the call) when
  /// FFmpeg cannot open or probe it, `OpenError` when it has no decodable video.
  /// - Parameter readDeadline: bounds each read (a network source that goes silent); the open
  ///   and the probe each get its timeout too.
  public init(path: String, readDeadline: ReadDeadline? = nil) throws {
    var opened: UnsafeMutablePointer<AVFormatContext>? = avformat_alloc_context()
    guard opened != nil else { throw FFmpegError(call: "avformat_alloc_context", code: -1) }
    if let readDeadline {
      opened?.pointee.interrupt_callback = readDeadline.callback()
      readDeadline.arm()
    }
    self.readDeadline = readDeadline
    // On failure avformat_open_input frees the context it was given.
    try check(avformat_open_input(&opened, path, nil, nil), "avformat_open_input")
    guard let context = opened else { throw FFmpegError(call: "avformat_open_input", code: -1) }
    do {
      readDeadline?.arm()
      try check(avformat_find_stream_info(context, nil), "avformat_find_stream_info")
      readDeadline?.disarm()
      // Attached pictures (cover art) are video streams to FFmpeg but not video: only a
      // stream without that disposition is a candidate.
      let candidates = Self.videoStreamIndices(context)
      if candidates.motion.isEmpty {
        throw candidates.attached.isEmpty ? OpenError.noVideoStream : OpenError.onlyAttachedPictures
      }
      var codec: UnsafePointer<AVCodec>?
      var index = av_find_best_stream(context, AVMEDIA_TYPE_VIDEO, -1, -1, &codec, 0)
      if index >= 0 && !candidates.motion.contains(Int(index)) {
        index = av_find_best_stream(
          context, AVMEDIA_TYPE_VIDEO, Int32(candidates.motion[0]), -1, &codec, 0)
      }
      if index == hesp_averror_stream_not_found() { throw OpenError.noVideoStream }
      if index < 0 {
        let codecName = Self.firstVideoCodecName(context)
        if let codecName { throw OpenError.unsupportedCodec(codecName) }
        throw OpenError.noVideoStream
      }
      guard let codec, let stream = context.pointee.streams[Int(index)] else {
        throw OpenError.noVideoStream
      }
      let parameters = stream.pointee.codecpar.pointee
      var rate = stream.pointee.avg_frame_rate
      if rate.num <= 0 || rate.den <= 0 { rate = stream.pointee.r_frame_rate }
      guard rate.num > 0, rate.den > 0 else { throw OpenError.unknownFrameRate }
      let duration: Double? =
        stream.pointee.duration > 0
        ? Double(stream.pointee.duration) * av_q2d(stream.pointee.time_base)
        : (context.pointee.duration > 0
          ? Double(context.pointee.duration) / Double(AV_TIME_BASE) : nil)
      let formatName = av_get_pix_fmt_name(AVPixelFormat(rawValue: parameters.format)).map {
        String(cString: $0)
      }
      self.context = context
      self.stream = stream
      self.decoderCodec = codec
      self.videoStreamIndex = Int(index)
      var info = VideoStreamInfo(
        codecName: String(cString: avcodec_get_name(parameters.codec_id)),
        width: Int(parameters.width), height: Int(parameters.height),
        frameRateNumerator: Int(rate.num), frameRateDenominator: Int(rate.den),
        announcedFrameCount: stream.pointee.nb_frames > 0 ? Int(stream.pointee.nb_frames) : nil,
        durationSeconds: duration, pixelFormatName: formatName ?? "unknown")
      info.timeBaseNumerator = Int(stream.pointee.time_base.num)
      info.timeBaseDenominator = Int(max(stream.pointee.time_base.den, 1))
      info.otherStreamCounts = Self.otherStreamCounts(context, videoIndex: Int(index))
      info.properties = VideoStreamProperties.read(stream, context: context)
      self.video = info
    } catch {
      var toClose: UnsafeMutablePointer<AVFormatContext>? = context
      avformat_close_input(&toClose)
      throw error
    }
  }

  deinit {
    var toClose: UnsafeMutablePointer<AVFormatContext>? = context
    avformat_close_input(&toClose)
  }

  /// Reads the next packet of the video stream into `packet` (other streams are skipped).
  /// Returns false at the end of the file; throws on a read error (e.g. a truncated file).
  /// With a `readDeadline`, a read that gets no data for its timeout throws (`hasExpired` then
  /// says why).
  public func readVideoPacket(into packet: Packet) throws -> Bool {
    readDeadline?.arm()
    defer { readDeadline?.disarm() }
    while true {
      packet.unref()
      let result = av_read_frame(context, packet.pointer)
      if let readDeadline, readDeadline.hasExpired || readDeadline.wasInterrupted {
        throw FFmpegError(call: "av_read_frame", code: result < 0 ? result : -1)
      }
      if result == errorEndOfFile { return false }
      try check(result, "av_read_frame")
      if Int(packet.pointer.pointee.stream_index) == videoStreamIndex { return true }
    }
  }

  /// True when the I/O layer hit an error or the file ended before the data the container
  /// announced (a truncated file often just reads as an early end of file).
  public var hitReadError: Bool {
    guard let io = context.pointee.pb else { return false }
    return io.pointee.error < 0
  }

  /// Byte size of the file, or nil when unknown.
  public var fileByteCount: Int? {
    guard let io = context.pointee.pb else { return nil }
    let size = avio_size(io)
    return size >= 0 ? Int(size) : nil
  }

  /// Streams other than `videoIndex` by kind; cover art (an attached picture) is not counted.
  private static func otherStreamCounts(
    _ context: UnsafeMutablePointer<AVFormatContext>, videoIndex: Int
  ) -> [String: Int] {
    var counts: [String: Int] = [:]
    for i in 0..<Int(context.pointee.nb_streams) where i != videoIndex {
      guard let stream = context.pointee.streams[i] else { continue }
      let kind: String
      switch stream.pointee.codecpar.pointee.codec_type {
      case AVMEDIA_TYPE_AUDIO: kind = "audio"
      case AVMEDIA_TYPE_SUBTITLE: kind = "subtitle"
      case AVMEDIA_TYPE_VIDEO:
        if stream.pointee.disposition & AV_DISPOSITION_ATTACHED_PIC != 0 { continue }
        kind = "video"
      default: continue
      }
      counts[kind, default: 0] += 1
    }
    return counts
  }

  /// Video streams by kind: moving pictures, and attached pictures (cover art).
  private static func videoStreamIndices(_ context: UnsafeMutablePointer<AVFormatContext>)
    -> (motion: [Int], attached: [Int])
  {
    var motion: [Int] = []
    var attached: [Int] = []
    for i in 0..<Int(context.pointee.nb_streams) {
      guard let stream = context.pointee.streams[i],
        stream.pointee.codecpar.pointee.codec_type == AVMEDIA_TYPE_VIDEO
      else { continue }
      if stream.pointee.disposition & AV_DISPOSITION_ATTACHED_PIC != 0 {
        attached.append(i)
      } else {
        motion.append(i)
      }
    }
    return (motion, attached)
  }

  private static func firstVideoCodecName(_ context: UnsafeMutablePointer<AVFormatContext>)
    -> String?
  {
    for i in 0..<Int(context.pointee.nb_streams) {
      guard let stream = context.pointee.streams[i] else { continue }
      if stream.pointee.codecpar.pointee.codec_type == AVMEDIA_TYPE_VIDEO {
        return String(cString: avcodec_get_name(stream.pointee.codecpar.pointee.codec_id))
      }
    }
    return nil
  }
}
