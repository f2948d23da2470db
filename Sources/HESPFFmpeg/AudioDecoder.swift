import CFFmpeg

/// An opened audio decoder (`AVCodecContext`), fed with `AudioPacket`s, giving `Frame`s of
/// samples (see `Frame+Audio`).
public final class AudioDecoder {
  let context: UnsafeMutablePointer<AVCodecContext>
  private let packet: Packet

  /// Why an audio stream cannot be decoded.
  public enum OpenError: Error, Equatable, Sendable {
    /// FFmpeg has no decoder for the codec.
    case noDecoder(codec: String)
    /// The decoder refused to open (e.g. parameters it does not support).
    case cannotOpen(codec: String, reason: String)
  }

  /// A decoder for the audio stream of `input`.
  public convenience init(input: AudioInput) throws {
    try self.init(
      parameters: input.stream.pointee.codecpar, timeBase: input.stream.pointee.time_base)
  }

  /// An AAC decoder for a stream whose AudioSpecificConfig is `audioSpecificConfig` (as in an
  /// `esds`), with timestamps in 1/`sampleRate`.
  public convenience init(audioSpecificConfig: [UInt8], sampleRate: Int, channelCount: Int) throws {
    guard let parameters = avcodec_parameters_alloc() else {
      throw FFmpegError(call: "avcodec_parameters_alloc", code: -12)
    }
    var owned: UnsafeMutablePointer<AVCodecParameters>? = parameters
    defer { avcodec_parameters_free(&owned) }
    parameters.pointee.codec_type = AVMEDIA_TYPE_AUDIO
    parameters.pointee.codec_id = AV_CODEC_ID_AAC
    parameters.pointee.sample_rate = Int32(sampleRate)
    av_channel_layout_default(&parameters.pointee.ch_layout, Int32(channelCount))
    if !audioSpecificConfig.isEmpty {
      let size = audioSpecificConfig.count
      guard
        let buffer = av_mallocz(size + Int(AV_INPUT_BUFFER_PADDING_SIZE))?.assumingMemoryBound(
          to: UInt8.self)
      else { throw FFmpegError(call: "av_mallocz", code: -12) }
      audioSpecificConfig.withUnsafeBufferPointer {
        buffer.update(from: $0.baseAddress!, count: size)
      }
      parameters.pointee.extradata = buffer
      parameters.pointee.extradata_size = Int32(size)
    }
    try self.init(parameters: parameters, timeBase: AVRational(num: 1, den: Int32(sampleRate)))
  }

  private init(parameters: UnsafeMutablePointer<AVCodecParameters>, timeBase: AVRational) throws {
    let name = String(cString: avcodec_get_name(parameters.pointee.codec_id))
    guard let codec = avcodec_find_decoder(parameters.pointee.codec_id) else {
      throw OpenError.noDecoder(codec: name)
    }
    guard let context = avcodec_alloc_context3(codec) else {
      throw FFmpegError(call: "avcodec_alloc_context3", code: -12)
    }
    self.context = context
    packet = try Packet()
    try check(avcodec_parameters_to_context(context, parameters), "avcodec_parameters_to_context")
    context.pointee.pkt_timebase = timeBase
    context.pointee.thread_count = 1
    let opened = avcodec_open2(context, codec, nil)
    if opened < 0 {
      throw OpenError.cannotOpen(codec: name, reason: FFmpegError.text(for: opened))
    }
  }

  deinit {
    var toFree: UnsafeMutablePointer<AVCodecContext>? = context
    avcodec_free_context(&toFree)
  }

  /// Sends one packet; nil starts draining (end of stream).
  public func send(_ audio: AudioPacket?) throws {
    guard let audio else {
      try check(avcodec_send_packet(context, nil), "avcodec_send_packet(flush)")
      return
    }
    packet.unref()
    try check(av_new_packet(packet.pointer, Int32(audio.bytes.count)), "av_new_packet")
    if !audio.bytes.isEmpty {
      audio.bytes.withUnsafeBufferPointer { source in
        packet.pointer.pointee.data.update(from: source.baseAddress!, count: audio.bytes.count)
      }
    }
    packet.pointer.pointee.pts = audio.presentationTime ?? noTimestamp
    packet.pointer.pointee.dts = audio.presentationTime ?? noTimestamp
    packet.pointer.pointee.duration = audio.duration
    try check(avcodec_send_packet(context, packet.pointer), "avcodec_send_packet")
  }

  /// Sends a demuxed packet as it is (with its side data); nil starts draining.
  public func send(packet: Packet?) throws {
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

extension Frame {
  /// Samples per channel of a decoded audio frame.
  public var sampleCount: Int { Int(pointer.pointee.nb_samples) }
  /// Sample rate of an audio frame, Hz.
  public var sampleRate: Int { Int(pointer.pointee.sample_rate) }
  /// Channels of an audio frame.
  public var channelCount: Int { Int(pointer.pointee.ch_layout.nb_channels) }
}

extension Packet {
  /// Duration in the producer's time base (0 when unknown).
  public var duration: Int64 { pointer.pointee.duration }
}
