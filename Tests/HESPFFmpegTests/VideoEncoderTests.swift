import Testing

@testable import HESPFFmpeg

@Suite struct VideoEncoderTests {
  init() { FFmpegLog.silent() }

  static func settings(idr: Bool = false) -> EncoderSettings {
    EncoderSettings(
      width: 64, height: 48, frameRateNumerator: 25, frameRateDenominator: 1, gopFrames: 10,
      preset: "ultrafast",
      rateControl: idr
        ? .constantQP(20)
        : .bitRate(bitsPerSecond: 200_000, maxBitsPerSecond: 200_000, bufferBits: 400_000),
      x264Parameters: "bframes=0:ref=1:scenecut=0:stitchable=1", threadCount: 1,
      everyFrameIsIDR: idr)
  }

  static func encode(_ settings: EncoderSettings, frames: Int) throws -> (VideoEncoder, [Packet]) {
    let encoder = try VideoEncoder(settings: settings)
    var packets: [Packet] = []
    for index in 0..<frames {
      let picture = try Frame(width: settings.width, height: settings.height)
      try picture.drawPattern(index: index)
      try encoder.send(picture, frameNumber: Int64(index))
      while let packet = try encoder.receivePacket() { packets.append(packet) }
    }
    try encoder.send(nil, frameNumber: 0)
    while let packet = try encoder.receivePacket() { packets.append(packet) }
    return (encoder, packets)
  }

  @Test func aLongGOPEncodeHasAKeyframeEveryGOPAndGlobalHeaders() throws {
    let (encoder, packets) = try Self.encode(Self.settings(), frames: 25)
    #expect(packets.count == 25)
    #expect(packets.map(\.isKeyframe) == (0..<25).map { $0 % 10 == 0 })
    #expect(packets.map(\.presentationTime) == (0..<25).map { Int64($0) })
    #expect(Array(encoder.extradata.prefix(4)) == [0, 0, 0, 1])
  }

  @Test func anEveryFrameIDREncodeMakesOnlyKeyframes() throws {
    let (_, packets) = try Self.encode(Self.settings(idr: true), frames: 12)
    #expect(packets.count == 12)
    #expect(packets.filter { $0.isKeyframe }.count == 12)
  }

  @Test func packetsDecodeBackToFramesOfTheCodedSize() throws {
    let (encoder, packets) = try Self.encode(Self.settings(), frames: 12)
    let decoder = try VideoDecoder(h264Extradata: encoder.extradata)
    var frames: [Frame] = []
    for packet in packets {
      try decoder.send(packet)
      while let frame = try decoder.receiveFrame() { frames.append(frame) }
    }
    try decoder.send(nil)
    while let frame = try decoder.receiveFrame() { frames.append(frame) }
    #expect(frames.count == 12)
    #expect(frames.allSatisfy { $0.width == 64 && $0.height == 48 })
  }

  @Test func anUnknownPresetFailsInAvcodecOpen2() throws {
    var settings = Self.settings()
    settings.preset = "warpspeed"
    #expect {
      _ = try VideoEncoder(settings: settings)
    } throws: { error in
      (error as? FFmpegError)?.call == "avcodec_open2(libx264)"
    }
  }
}
