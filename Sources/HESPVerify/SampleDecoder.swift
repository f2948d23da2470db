import HESPFFmpeg

/// Decodes a run of length-prefixed H.264 samples with libavcodec (one thread, so the output
/// does not depend on scheduling) and collects the pictures and every decoder error: a failed
/// call, an error logged by libav for this decoder, or a frame flagged corrupt / with
/// `decode_error_flags`.
struct SampleDecoder {
  struct Output {
    /// Each picture's Y, Cb and Cr planes, cropped and packed (empty unless kept).
    var pictures: [[UInt8]]
    /// Pictures decoded.
    var pictureCount = 0
    var width: Int
    var height: Int
    var errors: [String]
  }

  /// Decodes `samples` in order, the decoder opened with `decoderConfigurationRecord` (avcC).
  /// `visit` sees every picture (its number and the decoder's frame, valid only during the
  /// call); `keepsPictures` also copies them into `pictures`.
  static func decode(
    decoderConfigurationRecord: [UInt8], samples: [[UInt8]], keepsPictures: Bool = true,
    visit: (Int, Frame) -> Void = { _, _ in }
  ) -> Output {
    var output = Output(pictures: [], width: 0, height: 0, errors: [])
    let decoder: VideoDecoder
    do {
      decoder = try VideoDecoder(h264Extradata: decoderConfigurationRecord, threadCount: 1)
    } catch {
      output.errors.append("\(error)")
      return output
    }
    decoder.collectErrors()
    defer { decoder.stopCollectingErrors() }
    func receive() throws {
      while let frame = try decoder.receiveFrame() {
        if frame.isCorrupt || frame.decodeErrorFlags != 0 {
          output.errors.append(
            "picture \(output.pictureCount): flagged corrupt (decode_error_flags \(frame.decodeErrorFlags))"
          )
        }
        output.width = frame.width
        output.height = frame.height
        visit(output.pictureCount, frame)
        output.pictureCount += 1
        if keepsPictures { output.pictures.append(frame.planeBytes()) }
      }
    }
    do {
      for (number, sample) in samples.enumerated() {
        let packet = try Packet(
          bytes: sample, presentationTime: Int64(number), decodeTime: Int64(number),
          isKeyframe: number == 0)
        try decoder.send(packet)
        try receive()
      }
      try decoder.send(nil)
      try receive()
    } catch {
      output.errors.append("\(error)")
    }
    output.errors += decoder.takeErrors()
    return output
  }
}
