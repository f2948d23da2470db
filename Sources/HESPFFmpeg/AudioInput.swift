import CFFmpeg

/// What the packager needs to know about a file's audio stream, read from the container.
public struct AudioStreamInfo: Sendable, Equatable {
  /// Index of the stream in the file.
  public var streamIndex: Int
  /// FFmpeg's codec name (`aac`, `mp3`, `opus`, `none` for a codec FFmpeg does not know).
  public var codecName: String
  /// True for AAC (any profile).
  public var isAAC: Bool
  /// The codec's AudioSpecificConfig (AAC in mp4/mkv/mov); empty when the stream has none
  /// (AAC with ADTS headers, as in MPEG-TS).
  public var extradata: [UInt8]
  public var sampleRate: Int
  public var channelCount: Int
  /// Samples per coded frame (1024 for AAC-LC), 0 when the container does not say.
  public var frameSize: Int
  /// The stream's time base (seconds per timestamp tick).
  public var timeBaseNumerator: Int
  public var timeBaseDenominator: Int
  /// The ISO 639-2 language tag of the stream, nil when untagged.
  public var language: String?
  /// True when FFmpeg has a decoder for the codec.
  public var hasDecoder: Bool
  /// Audio streams in the file besides this one.
  public var otherAudioStreamCount: Int

  /// Seconds of `ticks` in the stream's time base.
  public func seconds(_ ticks: Int64) -> Double {
    Double(ticks) * Double(timeBaseNumerator) / Double(timeBaseDenominator)
  }
}

/// One coded audio frame as demuxed: its bytes and timing in the stream's time base.
public struct AudioPacket: Sendable, Equatable {
  public var bytes: [UInt8]
  /// Presentation time, nil when the container gives none.
  public var presentationTime: Int64?
  /// Duration in the stream's time base (0 when unknown).
  public var duration: Int64

  public init(bytes: [UInt8], presentationTime: Int64?, duration: Int64) {
    self.bytes = bytes
    self.presentationTime = presentationTime
    self.duration = duration
  }
}

/// A media file opened for its best audio stream (its own `AVFormatContext`, so the video
/// demuxer is not disturbed).
public final class AudioInput {
  let context: UnsafeMutablePointer<AVFormatContext>
  let stream: UnsafeMutablePointer<AVStream>
  public let info: AudioStreamInfo
  private let packet: Packet

  /// Opens `path` and picks its best audio stream (the one FFmpeg relates to
  /// `relatedVideoStream`). Returns nil when the file has no audio stream; throws
  /// `FFmpegError` when FFmpeg cannot open or probe the file. `streamIndex` opens that audio
  /// stream instead (as a second pass over a stream chosen before).
  public static func open(path: String, relatedVideoStream: Int, streamIndex: Int? = nil) throws
    -> AudioInput?
  {
    var opened: UnsafeMutablePointer<AVFormatContext>?
    try check(avformat_open_input(&opened, path, nil, nil), "avformat_open_input")
    guard let context = opened else { throw FFmpegError(call: "avformat_open_input", code: -1) }
    do {
      try check(avformat_find_stream_info(context, nil), "avformat_find_stream_info")
      var audio: [Int] = []
      for i in 0..<Int(context.pointee.nb_streams)
      where context.pointee.streams[i]?.pointee.codecpar.pointee.codec_type == AVMEDIA_TYPE_AUDIO {
        audio.append(i)
      }
      guard !audio.isEmpty else {
        var toClose: UnsafeMutablePointer<AVFormatContext>? = context
        avformat_close_input(&toClose)
        return nil
      }
      // Without a decoder FFmpeg's choice fails: the first audio stream is then the one.
      var index = Int(
        av_find_best_stream(context, AVMEDIA_TYPE_AUDIO, -1, Int32(relatedVideoStream), nil, 0))
      if index < 0 || !audio.contains(index) { index = audio[0] }
      if let streamIndex, audio.contains(streamIndex) { index = streamIndex }
      return try AudioInput(context: context, index: index, audioCount: audio.count)
    } catch {
      var toClose: UnsafeMutablePointer<AVFormatContext>? = context
      avformat_close_input(&toClose)
      throw error
    }
  }

  private init(context: UnsafeMutablePointer<AVFormatContext>, index: Int, audioCount: Int) throws {
    guard let stream = context.pointee.streams[index] else {
      throw FFmpegError(call: "AVFormatContext.streams", code: -1)
    }
    let parameters = stream.pointee.codecpar.pointee
    var extradata: [UInt8] = []
    if let data = parameters.extradata, parameters.extradata_size > 0 {
      extradata = Array(UnsafeBufferPointer(start: data, count: Int(parameters.extradata_size)))
    }
    var language: String?
    if let entry = av_dict_get(stream.pointee.metadata, "language", nil, 0),
      let value = entry.pointee.value
    {
      let text = String(cString: value)
      if !text.isEmpty { language = text }
    }
    self.context = context
    self.stream = stream
    self.packet = try Packet()
    // Streams FFmpeg saw no packet of are not played by anyone: discard everything else.
    for i in 0..<Int(context.pointee.nb_streams) where i != index {
      context.pointee.streams[i]?.pointee.discard = AVDISCARD_ALL
    }
    info = AudioStreamInfo(
      streamIndex: index, codecName: String(cString: avcodec_get_name(parameters.codec_id)),
      isAAC: parameters.codec_id == AV_CODEC_ID_AAC, extradata: extradata,
      sampleRate: Int(parameters.sample_rate), channelCount: Int(parameters.ch_layout.nb_channels),
      frameSize: Int(parameters.frame_size),
      timeBaseNumerator: Int(stream.pointee.time_base.num),
      timeBaseDenominator: Int(max(stream.pointee.time_base.den, 1)), language: language,
      hasDecoder: avcodec_find_decoder(parameters.codec_id) != nil,
      otherAudioStreamCount: audioCount - 1)
  }

  deinit {
    var toClose: UnsafeMutablePointer<AVFormatContext>? = context
    avformat_close_input(&toClose)
  }

  /// The next packet of the audio stream, nil at the end of the file. Packets of other streams
  /// are skipped; a read error throws.
  public func readPacket() throws -> AudioPacket? {
    guard try readPacket(into: packet) else { return nil }
    return AudioPacket(
      bytes: packet.bytes, presentationTime: packet.presentationTime,
      duration: packet.pointer.pointee.duration)
  }

  /// Reads the next packet of the audio stream into `target` whole (side data such as the
  /// samples a decoder must skip included); false at the end of the file.
  public func readPacket(into target: Packet) throws -> Bool {
    while true {
      target.unref()
      let result = av_read_frame(context, target.pointer)
      if result == errorEndOfFile { return false }
      try check(result, "av_read_frame")
      if Int(target.pointer.pointee.stream_index) == info.streamIndex { return true }
    }
  }
}
