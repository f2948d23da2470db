import HESPABR

/// One request on the link: Sabre's `NetworkModel.download`.
extension TraceLink {
  /// With abandonment on, the download is checked after at least this many bits...
  public static let minimumProgressBits = 12_000.0
  /// ...or this much time (whichever comes later), as in Sabre.
  public static let minimumProgressTimeMs = 50.0

  /// The outcome of a request.
  public struct Download: Sendable, Equatable {
    public var report: DownloadReport
    /// False when the link's time limit passed before the last bit arrived.
    public var completed: Bool
  }

  /// Requests `sizeBits`: latency, then payload.
  ///
  /// Without `shouldAbandon` the payload is sent in one go. With it, the payload is sent in steps
  /// of at least 12,000 bits or 50 ms and `shouldAbandon(progress, bufferLevel, periodsEntered)` is
  /// asked after each step, with the buffer level at the request minus the time spent so far and
  /// the current count of `enteredPeriods` (so a log can interleave period changes); a non-nil
  /// answer stops the download there. Both paths are Sabre's, and they round differently, exactly as
  /// Sabre's do.
  public mutating func download(
    sizeBits: Double, segmentIndex: Int, quality: Int, bufferLevelMs: Double,
    shouldAbandon: ((DownloadReport, Double, Int) -> Int?)? = nil
  ) -> Download {
    var report = DownloadReport(
      segmentIndex: segmentIndex, quality: quality, sizeBits: sizeBits, downloadedBits: 0,
      timeMs: 0, timeToFirstBitMs: 0)
    guard sizeBits > 0 else {
      report.sizeBits = 0
      return Download(report: report, completed: true)
    }
    guard let shouldAbandon else {
      let latency = latencyDelay(units: 1)
      report.timeToFirstBitMs = latency
      if networkTimeMs > timeLimitMs { return Download(report: report, completed: false) }
      guard let transferTime = transfer(sizeBits: sizeBits) else {
        report.timeMs = networkTimeMs  // caller replaces with its own accounting
        return Download(report: report, completed: false)
      }
      report.timeMs = latency + transferTime
      report.downloadedBits = sizeBits
      return Download(report: report, completed: true)
    }

    let latency = latencyDelay(units: 1)
    if networkTimeMs > timeLimitMs { return Download(report: report, completed: false) }
    var totalTime = latency
    var totalBits = 0.0
    var minTimeToProgress = Self.minimumProgressTimeMs - totalTime
    var minBitsToProgress = Self.minimumProgressBits
    report.timeToFirstBitMs = latency
    var abandonTo: Int?
    while totalBits < sizeBits && abandonTo == nil {
      let step = minimalTransfer(
        sizeBits: sizeBits - totalBits, minBits: minBitsToProgress, minTimeMs: minTimeToProgress)
      totalTime += step.timeMs
      totalBits += step.bits
      report.downloadedBits = totalBits
      report.timeMs = totalTime
      if totalBits < sizeBits {
        if networkTimeMs > timeLimitMs { return Download(report: report, completed: false) }
        abandonTo = shouldAbandon(
          report, max(0, bufferLevelMs - totalTime), enteredPeriods.count)
        minTimeToProgress = Self.minimumProgressTimeMs
        minBitsToProgress = Self.minimumProgressBits
      }
    }
    report.abandonedToQuality = abandonTo
    return Download(report: report, completed: true)
  }
}
