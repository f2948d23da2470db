import HESPFFmpeg

/// Decodes each init IDR as the encoder hands it out and measures how far its picture is from
/// the continuation's reconstruction of the same frame (`FrameIndex.Frame.initSquaredErrorSum`):
/// the claim `hesp verify` holds every init packet against. Runs on the init stage's thread.
final class InitPictureMeasure {
  private let extradata: [UInt8]
  private var decoder: VideoDecoder
  /// Reconstructions sent to the init encoder whose packet has not come out yet.
  private var waiting: [Int: Frame] = [:]

  init(initExtradata: [UInt8]) throws {
    extradata = initExtradata
    decoder = try VideoDecoder(h264Extradata: initExtradata, threadCount: 1)
  }

  /// Keeps frame `frame`'s reconstruction until its init packet is measured.
  func remember(_ frame: Int, reconstruction: Frame) {
    waiting[frame] = reconstruction
  }

  /// Decodes init packet `annexB` of `frame` and returns its squared error against the
  /// reconstruction (over the init picture's, i.e. the cropped, size).
  func measure(_ frame: Int, annexB: [UInt8]) throws -> Int {
    guard let reconstruction = waiting.removeValue(forKey: frame) else {
      throw PackagingError.encodingFailed(
        track: "init", reason: "no reconstruction kept for init packet \(frame)")
    }
    let packet = try Packet(
      bytes: annexB, presentationTime: Int64(frame), decodeTime: Int64(frame), isKeyframe: true)
    try decoder.send(packet)
    var picture = try decoder.receiveFrame()
    if picture == nil {
      // An IDR-only stream without reordering comes out at once; should this decoder hold it
      // back, drain it and start a fresh one for the next packet.
      try decoder.send(nil)
      picture = try decoder.receiveFrame()
      decoder = try VideoDecoder(h264Extradata: extradata, threadCount: 1)
    }
    guard let picture else {
      throw PackagingError.encodingFailed(
        track: "init", reason: "init packet \(frame) decodes to no picture")
    }
    return Int(PictureDifference.squaredErrorSum(picture, reconstruction))
  }
}
