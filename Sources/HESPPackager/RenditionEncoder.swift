import HESPFFmpeg

/// One rendition's encoding chain, fed source frames in presentation order:
/// scale -> continuation encode -> decode of the continuation's own packets (reconstruction)
/// -> init encode of the reconstruction -> `TrackWriter`. Not thread-safe: one worker owns it.
final class RenditionEncoder {
  let plan: TrackPlan
  private let continuation: VideoEncoder
  private let reconstruction: VideoDecoder
  private var initEncoder: VideoEncoder?
  private var scaler: Scaler?
  private var scalerChecked = false
  private let writer: TrackWriter
  /// Scaled source frames waiting for their reconstruction (for PSNR-Y).
  private var scaledAwaitingReconstruction: [Frame] = []
  private var sentFrames = 0
  private var reconstructedFrames = 0
  private(set) var psnrYDecibels: [Double] = []
  private(set) var squaredErrorTotal: UInt64 = 0
  /// Called with the number of frames fully packaged so far (init packet encoded).
  private let onFrameDone: (Int) -> Void

  init(plan: TrackPlan, writer: TrackWriter, onFrameDone: @escaping (Int) -> Void) throws {
    self.plan = plan
    self.writer = writer
    self.onFrameDone = onFrameDone
    continuation = try VideoEncoder(settings: Self.continuationSettings(plan))
    reconstruction = try VideoDecoder(
      h264Extradata: continuation.extradata, keepsCodedSize: plan.initLossless, threadCount: 1)
    if !plan.initLossless {
      let encoder = try VideoEncoder(settings: Self.initSettings(plan, codedWidth: plan.width, codedHeight: plan.height))
      initEncoder = encoder
    }
    try writer.start(continuationExtradata: continuation.extradata)
    if let initEncoder { try writer.setInitExtradata(initEncoder.extradata) }
  }

  /// The continuation encoder's settings (DESIGN.md §2.1).
  static func continuationSettings(_ plan: TrackPlan) -> EncoderSettings {
    EncoderSettings(
      width: plan.width, height: plan.height, frameRateNumerator: plan.grid.frameRateNumerator,
      frameRateDenominator: plan.grid.frameRateDenominator, gopFrames: plan.gopFrames,
      preset: plan.preset,
      rateControl: .bitRate(
        bitsPerSecond: plan.targetBitsPerSecond, maxBitsPerSecond: plan.maxBitsPerSecond,
        bufferBits: plan.bufferBits),
      x264Parameters: PackagingOptions.continuationX264Parameters,
      threadCount: plan.encoderThreadCount)
  }

  /// The init encoder's settings: the continuation's plus constant QP, `ipratio=1` and an IDR
  /// for every frame. Lossless encodes the coded (uncropped) picture and writes the same
  /// cropping as the continuation.
  static func initSettings(_ plan: TrackPlan, codedWidth: Int, codedHeight: Int) -> EncoderSettings {
    var parameters = PackagingOptions.continuationX264Parameters + ":ipratio=1"
    if plan.initLossless && (codedWidth != plan.width || codedHeight != plan.height) {
      parameters += ":crop-rect=0,0,\(codedWidth - plan.width),\(codedHeight - plan.height)"
    }
    return EncoderSettings(
      width: codedWidth, height: codedHeight, frameRateNumerator: plan.grid.frameRateNumerator,
      frameRateDenominator: plan.grid.frameRateDenominator, gopFrames: plan.gopFrames,
      preset: plan.preset, rateControl: .constantQP(plan.initLossless ? 0 : plan.initQP),
      x264Parameters: parameters, threadCount: plan.encoderThreadCount, everyFrameIsIDR: true)
  }

  /// Encodes source frame number `sentFrames`.
  func consume(_ source: Frame) throws {
    let scaled = try scaledFrame(source)
    scaledAwaitingReconstruction.append(scaled)
    try continuation.send(scaled, frameNumber: Int64(sentFrames))
    sentFrames += 1
    try drainContinuation()
  }

  /// Flushes every encoder and closes the files.
  func finish() throws -> TrackWriter.Result {
    try continuation.send(nil, frameNumber: 0)
    try drainContinuation()
    try reconstruction.send(nil)
    try drainReconstruction()
    if let initEncoder {
      try initEncoder.send(nil, frameNumber: 0)
      try drainInit()
    }
    guard reconstructedFrames == sentFrames else {
      throw PackagingError.encodingFailed(
        track: plan.id, reason: "decoded \(reconstructedFrames) of \(sentFrames) continuation frames")
    }
    return try writer.finish()
  }

  private func scaledFrame(_ source: Frame) throws -> Frame {
    if !scalerChecked {
      scalerChecked = true
      if source.width != plan.width || source.height != plan.height || !source.isPlanar420LimitedRange {
        scaler = try Scaler(from: source, toWidth: plan.width, height: plan.height)
      }
    }
    return try scaler?.scale(source) ?? source
  }

  private func drainContinuation() throws {
    while let packet = try continuation.receivePacket() {
      guard let frameNumber = packet.presentationTime else {
        throw PackagingError.encodingFailed(track: plan.id, reason: "continuation packet without timestamp")
      }
      try writer.addContinuation(frame: Int(frameNumber), annexB: packet.bytes, isKeyframe: packet.isKeyframe)
      try reconstruction.send(packet)
      try drainReconstruction()
    }
  }

  private func drainReconstruction() throws {
    while let decoded = try reconstruction.receiveFrame() {
      let frameNumber = reconstructedFrames
      reconstructedFrames += 1
      guard !scaledAwaitingReconstruction.isEmpty else {
        throw PackagingError.encodingFailed(track: plan.id, reason: "more decoded frames than encoded")
      }
      let source = scaledAwaitingReconstruction.removeFirst()
      let error = LumaPSNR.squaredErrorSum(decoded, source, width: plan.width, height: plan.height)
      squaredErrorTotal &+= error
      psnrYDecibels.append(LumaPSNR.decibels(meanSquaredError: Double(error) / Double(plan.width * plan.height)))
      if frameNumber % plan.initIntervalFrames == 0 {
        let encoder = try initEncoderFor(decoded)
        try encoder.send(decoded, frameNumber: Int64(frameNumber))
        try drainInit()
      } else {
        onFrameDone(frameNumber + 1)
      }
    }
  }

  /// Lossless mode opens the init encoder at the coded size of the first reconstruction.
  private func initEncoderFor(_ decoded: Frame) throws -> VideoEncoder {
    if let initEncoder { return initEncoder }
    let encoder = try VideoEncoder(
      settings: Self.initSettings(plan, codedWidth: decoded.width, codedHeight: decoded.height))
    initEncoder = encoder
    try writer.setInitExtradata(encoder.extradata)
    return encoder
  }

  private func drainInit() throws {
    guard let initEncoder else { return }
    while let packet = try initEncoder.receivePacket() {
      guard let frameNumber = packet.presentationTime, packet.isKeyframe else {
        throw PackagingError.encodingFailed(track: plan.id, reason: "init packet is not a keyframe")
      }
      try writer.addInit(frame: Int(frameNumber), annexB: packet.bytes)
      onFrameDone(Int(frameNumber) + 1)
    }
  }
}
