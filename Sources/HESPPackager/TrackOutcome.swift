import HESPCore
import HESPFFmpeg

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

  /// The largest rate of any full segment (bits over its duration): a short last segment
  /// (a few frames carrying a whole IDR) does not count unless it is the only one.
  func peakBitsPerSecond() -> Int {
    let full = files.segments.filter { $0.frameCount >= plan.segmentFrames }
    return (full.isEmpty ? files.segments : full).map { segment in
      Int(
        (Double(segment.byteCount * 8) / plan.grid.seconds(ofFrames: segment.frameCount)).rounded())
    }.max() ?? 0
  }

  /// How far the average is from the target, percent (positive: above).
  func targetDeviationPercent() -> Double {
    guard plan.targetBitsPerSecond > 0 else { return 0 }
    return Self.round3(
      (Double(averageBitsPerSecond()) / Double(plan.targetBitsPerSecond) - 1) * 100)
  }

  /// A rung more than 10 % off its target.
  func offTargetWarning() -> PackagingWarning? {
    let deviation = targetDeviationPercent()
    guard abs(deviation) > 10 else { return nil }
    let kbps = { (bits: Int) in SourceTiming.format(Double(bits) / 1000, decimals: 1) }
    return PackagingWarning(
      code: "bitrateOffTarget",
      message:
        "track \(plan.id): average \(kbps(averageBitsPerSecond())) kb/s is \(SourceTiming.format(abs(deviation), decimals: 1)) % \(deviation > 0 ? "above" : "below") its \(kbps(plan.targetBitsPerSecond)) kb/s target (peak over full segments \(kbps(peakBitsPerSecond())) kb/s)"
    )
  }

  /// MSE-averaged PSNR-Y over all frames.
  func meanPSNRY() -> Double {
    let samples = Double(frameCount * plan.width * plan.height)
    return LumaPSNR.cappedDecibels(
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
      targetBitsPerSecond: plan.targetBitsPerSecond,
      encoderBitsPerSecond: plan.encoderBitsPerSecond,
      averageBitsPerSecond: averageBitsPerSecond(),
      targetDeviationPercent: targetDeviationPercent(),
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
