import HESPFFmpeg

/// Decodes the source's audio stream, resamples it (libswresample) and encodes AAC-LC, laid on
/// the video's timeline: sample 0 plays with the first video frame (source audio before it is
/// dropped, a late start is filled with silence), and the track lasts exactly the video's
/// `totalSamples` (silence after an early end). The encoder's priming frame is left out, so the
/// first AAC frame decodes to the first samples.
struct AudioTranscoder {
  var source: SourceAudio
  var videoStartSeconds: Double
  var totalSamples: Int

  /// Runs the whole stream; `sink` gets each AAC frame with its duration in samples. Returns
  /// the encoder's AudioSpecificConfig.
  func run(_ sink: ([UInt8], Int) throws -> Void) throws -> [UInt8] {
    let options = source.options
    let input = try source.reopen()
    let decoder: AudioDecoder
    let resampler: AudioResampler
    let encoder: AACEncoder
    do {
      decoder = try AudioDecoder(input: input)
      resampler = try AudioResampler(
        sampleRate: options.sampleRate, channelCount: options.channelCount)
      encoder = try AACEncoder(
        sampleRate: options.sampleRate, channelCount: options.channelCount,
        bitsPerSecond: options.bitsPerSecond)
    } catch {
      throw PackagingError.audioStream(
        path: source.path, stream: source.info.streamIndex, reason: "\(error)")
    }
    var state = State(
      channelCount: options.channelCount, frameSize: max(encoder.frameSize, 1),
      totalSamples: totalSamples)
    func drain() throws {
      while let coded = try encoder.receive() {
        let start = Int(coded.presentationTime)
        guard start >= 0, start < totalSamples else { continue }  // priming, or past the end
        try sink(coded.bytes, min(Int(max(coded.duration, 1)), totalSamples - start))
      }
    }
    func feed(_ planes: [[Float]]) throws {
      for frame in state.take(planes) {
        try encoder.send(frame.planes, presentationTime: Int64(frame.start))
        try drain()
      }
    }
    let packet = try Packet()
    var packetNumber = 0
    do {
      var reading = true
      while reading {
        reading = try input.readPacket(into: packet)
        try decoder.send(packet: reading ? packet : nil)
        packetNumber += reading ? 1 : 0
        while let frame = try decoder.receiveFrame() {
          if !state.isStarted {
            let start = frame.presentationTime.map { source.info.seconds($0) } ?? videoStartSeconds
            state.start(
              offsetSamples: Int(
                ((start - videoStartSeconds) * Double(options.sampleRate)).rounded()))
          }
          try feed(try resampler.convert(frame))
        }
      }
      try feed(try resampler.convert(nil))
      for frame in state.finish() {
        try encoder.send(frame.planes, presentationTime: Int64(frame.start))
        try drain()
      }
      try encoder.send(nil, presentationTime: 0)
      try drain()
    } catch let error as FFmpegError {
      throw PackagingError.audioStream(
        path: source.path, stream: source.info.streamIndex,
        reason: "packet \(packetNumber): \(error.description)")
    }
    return encoder.audioSpecificConfig
  }

  /// Samples waiting for the encoder, trimmed and padded onto the video's timeline.
  struct State {
    var channelCount: Int
    var frameSize: Int
    var totalSamples: Int
    var pending: [[Float]] = []
    var skip = 0
    var sent = 0
    var isStarted = false

    init(channelCount: Int, frameSize: Int, totalSamples: Int) {
      self.channelCount = channelCount
      self.frameSize = frameSize
      self.totalSamples = totalSamples
      pending = Array(repeating: [], count: channelCount)
    }

    /// A positive offset (audio starts late) is filled with silence; a negative one is dropped.
    mutating func start(offsetSamples: Int) {
      isStarted = true
      if offsetSamples > 0 {
        let silence = min(offsetSamples, totalSamples)
        for channel in 0..<channelCount { pending[channel] += repeatElement(0, count: silence) }
      } else {
        skip = -offsetSamples
      }
    }

    /// Whole encoder frames of what is pending once `planes` is added.
    mutating func take(_ planes: [[Float]]) -> [(start: Int, planes: [[Float]])] {
      var count = planes.first?.count ?? 0
      var from = 0
      if skip > 0 {
        from = min(skip, count)
        skip -= from
        count -= from
      }
      let room = max(0, totalSamples - sent - (pending.first?.count ?? 0))
      let used = min(count, room)
      if used > 0 {
        for channel in 0..<channelCount {
          let plane = channel < planes.count ? planes[channel] : planes[0]
          pending[channel] += plane[from..<from + used]
        }
      }
      return frames(whole: true)
    }

    /// The rest, padded with silence to `totalSamples`, as frames (the last may be short).
    mutating func finish() -> [(start: Int, planes: [[Float]])] {
      let missing = totalSamples - sent - (pending.first?.count ?? 0)
      if missing > 0 {
        for channel in 0..<channelCount { pending[channel] += repeatElement(0, count: missing) }
      }
      return frames(whole: false)
    }

    private mutating func frames(whole: Bool) -> [(start: Int, planes: [[Float]])] {
      var out: [(start: Int, planes: [[Float]])] = []
      while let available = pending.first?.count,
        available >= frameSize || (!whole && available > 0)
      {
        let count = min(frameSize, available)
        out.append((sent, pending.map { Array($0.prefix(count)) }))
        pending = pending.map { Array($0.dropFirst(count)) }
        sent += count
      }
      return out
    }
  }
}
