import HESPFFmpeg

/// One rendition's encoding chain, fed source frames in presentation order:
/// scale -> continuation encode -> decode of the continuation's own packets (reconstruction,
/// PSNR-Y against the scaled source) -> `InitStage` on a second thread (init encode of the
/// reconstruction, files). Not thread-safe: one worker thread owns it.
final class RenditionEncoder {
  let plan: TrackPlan
  private let continuation: VideoEncoder
  private let reconstruction: VideoDecoder
  private let initStage: InitStage
  private var scaler: Scaler?
  /// Scaled source frames waiting for their reconstruction (for PSNR-Y).
  private var scaledAwaitingReconstruction: [Frame] = []
  private var sentFrames = 0
  private var reconstructedFrames = 0
  private(set) var psnrYDecibels: [Double] = []
  private(set) var squaredErrorTotal: UInt64 = 0

  /// `onFrameDone` receives the number of frames fully packaged so far (from the init thread).
  init(plan: TrackPlan, onFrameDone: @escaping @Sendable (Int) -> Void) throws {
    self.plan = plan
    continuation = try VideoEncoder(settings: Self.continuationSettings(plan))
    reconstruction = try VideoDecoder(
      h264Extradata: continuation.extradata, keepsCodedSize: plan.initLossless, threadCount: 1)
    initStage = InitStage(
      plan: plan, continuationExtradata: continuation.extradata, onFrameDone: onFrameDone)
  }

  deinit { _ = try? initStage.finish(cancelled: true) }

  /// The continuation encoder's settings (DESIGN.md §2.1).
  static func continuationSettings(_ plan: TrackPlan) -> EncoderSettings {
    EncoderSettings(
      width: plan.width, height: plan.height, frameRateNumerator: plan.grid.frameRateNumerator,
      frameRateDenominator: plan.grid.frameRateDenominator, gopFrames: plan.gopFrames,
      preset: plan.preset,
      rateControl: .bitRate(
        bitsPerSecond: plan.encoderBitsPerSecond, maxBitsPerSecond: plan.maxBitsPerSecond,
        bufferBits: plan.bufferBits),
      x264Parameters: PackagingOptions.continuationX264Parameters
        + (plan.initLossless ? ":qpmin=\(LosslessParameterSets.continuationMinimumQP)" : ""),
      threadCount: plan.encoderThreadCount, colour: plan.colour,
      sampleAspectRatio: (plan.pixelAspectWidth, plan.pixelAspectHeight))
  }

  /// The init encoder's settings: the continuation's plus constant QP, `ipratio=1` and an IDR
  /// for every frame. Lossless encodes the coded (uncropped) picture and writes the same
  /// cropping as the continuation.
  /// `levelIdc`: the continuation SPS's level_idc. x264 derives the level from the rate control
  /// too, so a constant-QP init encoder would pick a lower one for a rung whose VBV rate raises
  /// the continuation's (1.1 against 1.2 at 108p@300k): the init encoder is told the same level,
  /// and its SPS stays byte-identical (one header for both streams).
  static func initSettings(
    _ plan: TrackPlan, codedWidth: Int, codedHeight: Int, levelIdc: Int? = nil
  )
    -> EncoderSettings
  {
    var parameters = PackagingOptions.continuationX264Parameters + ":ipratio=1"
    if let levelIdc, !plan.initLossless { parameters += ":level=\(levelIdc)" }
    if plan.initLossless && (codedWidth != plan.width || codedHeight != plan.height) {
      parameters += ":crop-rect=0,0,\(codedWidth - plan.width),\(codedHeight - plan.height)"
    }
    if plan.initLossless {
      // Its own SPS and PPS ids (1; the continuation's are 0), so both sets live side by side
      // in one avcC (`LosslessParameterSets`).
      parameters += ":sps-id=\(LosslessParameterSets.initParameterSetId)"
    }
    return EncoderSettings(
      width: codedWidth, height: codedHeight, frameRateNumerator: plan.grid.frameRateNumerator,
      frameRateDenominator: plan.grid.frameRateDenominator, gopFrames: plan.gopFrames,
      preset: plan.preset, rateControl: .constantQP(plan.initLossless ? 0 : plan.initQP),
      x264Parameters: parameters, threadCount: plan.encoderThreadCount, everyFrameIsIDR: true,
      colour: plan.colour, sampleAspectRatio: (plan.pixelAspectWidth, plan.pixelAspectHeight))
  }

  /// Encodes source frame number `sentFrames`.
  func consume(_ source: Frame) throws {
    let scaled = try scaledFrame(source)
    scaledAwaitingReconstruction.append(scaled)
    try continuation.send(scaled, frameNumber: Int64(sentFrames))
    sentFrames += 1
    try drainContinuation()
  }

  /// Flushes the encoder and the decoder, then waits for the init stage's files.
  func finish() throws -> TrackWriter.Result {
    try continuation.send(nil, frameNumber: 0)
    try drainContinuation()
    try reconstruction.send(nil)
    try drainReconstruction()
    guard reconstructedFrames == sentFrames else {
      throw PackagingError.encodingFailed(
        track: plan.id,
        reason: "decoded \(reconstructedFrames) of \(sentFrames) continuation frames")
    }
    return try initStage.finish()
  }

  /// The source picture at the rung's size; a new scaler when the source's picture size or
  /// format changes mid-stream (the packager reports the change).
  private func scaledFrame(_ source: Frame) throws -> Frame {
    scaler = try Scaler.fitting(source, width: plan.width, height: plan.height, current: scaler)
    return try scaler?.scale(source) ?? source
  }

  /// Hands an event to the init stage; when that stage has failed, throws its error.
  private func handOver(_ event: InitStage.Event) throws {
    guard initStage.queue.push(event) else {
      _ = try initStage.finish(cancelled: true)
      throw PackagingError.encodingFailed(track: plan.id, reason: "the init stage stopped")
    }
  }

  private func drainContinuation() throws {
    while let packet = try continuation.receivePacket() {
      guard let frameNumber = packet.presentationTime else {
        throw PackagingError.encodingFailed(
          track: plan.id, reason: "continuation packet without timestamp")
      }
      try handOver(
        .continuationChunk(
          frame: Int(frameNumber), annexB: packet.bytes, isKeyframe: packet.isKeyframe))
      try reconstruction.send(packet)
      try drainReconstruction()
    }
  }

  private func drainReconstruction() throws {
    while let decoded = try reconstruction.receiveFrame() {
      let frameNumber = reconstructedFrames
      reconstructedFrames += 1
      guard !scaledAwaitingReconstruction.isEmpty else {
        throw PackagingError.encodingFailed(
          track: plan.id, reason: "more decoded frames than encoded")
      }
      let source = scaledAwaitingReconstruction.removeFirst()
      let error = LumaPSNR.squaredErrorSum(decoded, source, width: plan.width, height: plan.height)
      squaredErrorTotal &+= error
      psnrYDecibels.append(
        LumaPSNR.cappedDecibels(meanSquaredError: Double(error) / Double(plan.width * plan.height)))
      try handOver(.reconstruction(frame: frameNumber, decoded))
    }
  }
}
