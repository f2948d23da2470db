import HESPCore

/// What one rendition worker hands back: the files written and the quality measured.
struct TrackOutcome: Sendable {
  var plan: TrackPlan
  var files: TrackWriter.Result
  /// PSNR-Y of each continuation frame against the scaled source.
  var psnrYDecibels: [Double]
  var squaredErrorTotal: UInt64

  var frameCount: Int { files.frames.count }

  var totalContinuationByteCount: Int { files.segments.reduce(0) { $0 + $1.byteCount } }

  func averageBitsPerSecond() -> Int {
    let seconds = plan.grid.seconds(ofFrames: frameCount)
    return seconds > 0 ? Int((Double(totalContinuationByteCount * 8) / seconds).rounded()) : 0
  }

  /// The largest rate of any one segment (bits over its own duration).
  func peakBitsPerSecond() -> Int {
    files.segments.map { segment in
      Int(
        (Double(segment.byteCount * 8) / plan.grid.seconds(ofFrames: segment.frameCount)).rounded())
    }.max() ?? 0
  }

  /// MSE-averaged PSNR-Y over all frames.
  func meanPSNRY() -> Double {
    let samples = Double(frameCount * plan.width * plan.height)
    return LumaPSNR.decibels(
      meanSquaredError: samples > 0 ? Double(squaredErrorTotal) / samples : 0)
  }

  func indexTrack() -> FrameIndex.Track {
    var frames = files.frames
    for index in frames.indices where index < psnrYDecibels.count {
      frames[index].psnrYDecibels = (psnrYDecibels[index] * 1000).rounded() / 1000
    }
    return FrameIndex.Track(
      id: plan.id, width: plan.width, height: plan.height,
      targetBitsPerSecond: plan.targetBitsPerSecond,
      averageBitsPerSecond: averageBitsPerSecond(), peakBitsPerSecond: peakBitsPerSecond(),
      headerByteCount: files.headerByteCount, codecs: files.codecs, frames: frames,
      segments: files.segments)
  }

  func reportTrack() -> PackagingReport.Track {
    let initSizes = files.frames.map(\.initPacketByteCount).filter { $0 > 0 }.sorted()
    let initMean = initSizes.isEmpty ? 0 : Double(initSizes.reduce(0, +)) / Double(initSizes.count)
    let p95 =
      initSizes.isEmpty
      ? 0
      : initSizes[min(initSizes.count - 1, Int((Double(initSizes.count) * 0.95).rounded(.up)) - 1)]
    let keyMean = Self.mean(files.keyframeSampleByteCounts)
    let initSampleMean = Self.mean(files.initSampleByteCounts)
    let seconds = plan.grid.seconds(ofFrames: frameCount)
    return PackagingReport.Track(
      id: plan.id, width: plan.width, height: plan.height,
      pixelAspectRatio: "\(plan.pixelAspectWidth):\(plan.pixelAspectHeight)", codecs: files.codecs,
      targetBitsPerSecond: plan.targetBitsPerSecond, averageBitsPerSecond: averageBitsPerSecond(),
      peakBitsPerSecond: peakBitsPerSecond(), psnrYDecibels: Self.round3(meanPSNRY()),
      psnrYMinimumDecibels: Self.round3(psnrYDecibels.min() ?? 0),
      initPacketMeanByteCount: Self.round3(initMean), initPacketP95ByteCount: p95,
      keyframeSampleMeanByteCount: Self.round3(keyMean),
      initToKeyframeRatio: keyMean > 0 ? Self.round3(initSampleMean / keyMean) : 0,
      initStreamBitsPerSecond: seconds > 0
        ? Int((Double(initSizes.reduce(0, +) * 8) / seconds).rounded()) : 0,
      initSharesParameterSets: files.initSharesParameterSets)
  }

  private static func mean(_ values: [Int]) -> Double {
    values.isEmpty ? 0 : Double(values.reduce(0, +)) / Double(values.count)
  }

  static func round3(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
