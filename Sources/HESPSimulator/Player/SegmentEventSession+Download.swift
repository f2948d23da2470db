import HESPABR
import HESPCore
import HESPTraces

extension SegmentEventSession {
  mutating func request(quality: Int, replaceOffset: Int?, decisionMs: Double, nowMs: Double) {
    let segment = nextSegment + (replaceOffset ?? 0)
    let size = movie.segmentSizesBits[segment][quality]
    let level = accounting.buffer.levelMs
    let download: TraceLink.Download
    // Sabre's abandonment messages, each after the period changes that preceded it.
    var abandonLog: [(periodsEntered: Int, lines: [String])] = []
    let verbose = configuration.verbose
    func record(_ progress: DownloadReport, _ answer: Int, _ periodsEntered: Int) {
      guard verbose else { return }
      abandonLog.append(
        (
          periodsEntered,
          [
            "\(segment) abandoning \(quality)->\(answer)",
            "\(SabreFormat.d(progress.downloadedBits))/\(SabreFormat.d(progress.sizeBits)) "
              + "\(SabreFormat.d(progress.timeMs))(\(SabreFormat.d(progress.timeToFirstBitMs)))",
          ]
        ))
    }
    if !configuration.abandonmentEnabled {
      download = onLink {
        $0.download(sizeBits: size, segmentIndex: segment, quality: quality, bufferLevelMs: level)
      }
    } else if let replaceOffset {
      let segmentMs = ladder.segmentDurationMs
      download = onLink {
        $0.download(sizeBits: size, segmentIndex: segment, quality: quality, bufferLevelMs: level) {
          progress, projectedLevel, periodsEntered in
          guard projectedLevel + segmentMs * Double(replaceOffset) <= 0 else { return nil }
          record(progress, -1, periodsEntered)
          return -1
        }
      }
    } else {
      var state = abrState
      let algorithm = self.algorithm
      // One context, updated in place per check (a copy per check costs retains of the ladder).
      var context = self.context(segment: segment, bufferLevelMs: level)
      download = onLink {
        $0.download(sizeBits: size, segmentIndex: segment, quality: quality, bufferLevelMs: level) {
          progress, projectedLevel, periodsEntered in
          context.bufferLevelMs = projectedLevel
          let answer = algorithm.shouldAbandon(
            progress, bufferLevelMs: projectedLevel, context: context, state: &state)
          if let answer { record(progress, answer, periodsEntered) }
          return answer
        }
      }
      abrState = state
    }
    drainEnteredPeriods(interleaving: abandonLog)
    guard download.completed else { return stopAtTimeLimit() }
    queue.schedule(
      .arrival(report: download.report, replaceOffset: replaceOffset, decisionMs: decisionMs),
      atMs: nowMs + download.report.timeMs)
  }

  mutating func arrive(
    _ report: DownloadReport, replaceOffset: Int?, decisionMs: Double, nowMs: Double
  ) {
    var report = report
    report.isReplacement = replaceOffset != nil
    let downloadTime = report.timeMs - report.timeToFirstBitMs
    if configuration.verbose { log.append(verbosePrefix(report, downloadTime: downloadTime)) }
    accounting.consume(report.timeMs)
    let levelAfterPlay = accounting.buffer.levelMs
    if let replaceOffset {
      if report.abandonedToQuality == nil {
        if accounting.buffer.levelMs + ladder.segmentDurationMs * Double(replaceOffset) >= 0 {
          accounting.buffer.entries[accounting.buffer.entries.count + replaceOffset].quality =
            report.quality
        } else if configuration.verbose {
          // Sabre prints this in the middle of the segment line, which then continues below.
          log[log.count - 1] += "->\(SabreFormat.d(levelAfterPlay))WARNING: too late to replace"
          log.append("")
        }
      }
    } else if report.abandonedToQuality == nil {
      var entry = PlaybackBuffer.Entry(quality: report.quality)
      if report.quality != lastBufferedQuality {
        entry.switchRecord = accounting.switches.count
        accounting.switches.append(
          SwitchRecord(
            segmentIndex: report.segmentIndex, fromQuality: lastBufferedQuality,
            toQuality: report.quality, decisionMs: decisionMs))
        lastBufferedQuality = report.quality
      }
      accounting.buffer.entries.append(entry)
      nextSegment += 1
      segmentsDownloaded += 1
    }
    if configuration.verbose {
      let last = log.count - 1
      if !log[last].isEmpty { log[last] += "->\(SabreFormat.d(levelAfterPlay))" }
      log[last] += "->\(SabreFormat.d(accounting.buffer.levelMs))"
    }
    algorithm.didDownload(
      report,
      context: context(segment: report.segmentIndex, bufferLevelMs: accounting.buffer.levelMs),
      state: &abrState)

    let throughput = report.downloadedBits / downloadTime
    let estimate = estimator.throughputKbps ?? 0
    if estimate > throughput {
      overEstimateCount += 1
      overEstimateAverage +=
        (estimate - throughput - overEstimateAverage) / Double(overEstimateCount)
    } else {
      leqEstimateCount += 1
      leqEstimateAverage += (throughput - estimate - leqEstimateAverage) / Double(leqEstimateCount)
    }
    estimateAverage +=
      (estimate - throughput - estimateAverage) / Double(overEstimateCount + leqEstimateCount)
    if report.abandonedToQuality == nil {
      estimator.add(
        durationMs: downloadTime, throughputKbps: throughput, latencyMs: report.timeToFirstBitMs)
    }
    queue.schedule(nextSegment < ladder.segmentCount ? .makeRoom : .end, atMs: nowMs)
  }

  func verbosePrefix(_ report: DownloadReport, downloadTime: Double) -> String {
    let d = SabreFormat.d
    let start = accounting.totalPlayTimeMs
    var line =
      "[\(SabreFormat.rounded(start))-\(SabreFormat.rounded(start + report.timeMs))]  "
      + "\(report.segmentIndex): q=\(report.quality) s=\(d(report.downloadedBits))/\(d(report.sizeBits)) "
      + "t=\(d(report.timeMs))=\(d(report.timeToFirstBitMs))+\(d(downloadTime)) "
    let level = d(accounting.buffer.levelMs)
    switch (report.isReplacement, report.abandonedToQuality) {
    case (false, nil): line += "bl=\(level)"
    case (false, let to?):
      line +=
        " ABANDONED to \(to) - \(d(report.downloadedBits))/\(d(report.sizeBits)) bits in "
        + "\(d(report.timeMs))=\(d(report.timeToFirstBitMs))+\(d(downloadTime)) ttfb+ttdl  bl=\(level)"
    case (true, nil): line += " REPLACEMENT  bl=\(level)"
    case (true, _?):
      line +=
        " REPLACMENT ABANDONED after \(d(report.timeMs))=\(d(report.timeToFirstBitMs))+"
        + "\(d(downloadTime)) ttfb+ttdl  bl=\(level)"
    }
    return line
  }

  /// Sabre's `Replace.check_replace`: the buffered segment to re-download at `quality`, as an
  /// offset from the end of the buffer, or nil.
  func replacementOffset(for quality: Int) -> Int? {
    let buffer = accounting.buffer
    let skip = Int((1.5 + buffer.firstEntryPlayedMs / ladder.segmentDurationMs).rounded(.up))
    let count = buffer.entries.count
    guard skip < count else { return nil }
    switch configuration.replacement {
    case .none: return nil
    case .left:
      for i in skip..<count where buffer.entries[i].quality < quality { return i - count }
    case .right:
      for i in (skip..<count).reversed() where buffer.entries[i].quality < quality {
        return i - count
      }
    }
    return nil
  }

  /// Runs one operation on the link with the session's reaction tracker lent to the link's
  /// per-period feed (Sabre's `next_network_period` runs inside the network model), then takes
  /// the current period's sustainable quality. The buffer does not change during the operation.
  mutating func onLink<R>(_ operation: (inout TraceLink) -> R) -> R {
    var highest: Int?
    for entry in accounting.buffer.entries where entry.quality > (highest ?? -1) {
      highest = entry.quality
    }
    link.feed!.highestBufferedQuality = highest
    swap(&accounting.reaction, &link.feed!.reaction)
    let result = operation(&link)
    swap(&accounting.reaction, &link.feed!.reaction)
    if let quality = link.feed!.current { accounting.sustainableQuality = quality }
    return result
  }

  /// Prints Sabre's `Network:` line for every period the link entered (`-v` only; the link
  /// keeps the list only then) and clears the list.
  /// `interleaving` holds log lines to place after the first `periodsEntered` period changes.
  mutating func drainEnteredPeriods(
    interleaving extra: [(periodsEntered: Int, lines: [String])] = []
  ) {
    var nextExtra = 0
    for (position, entry) in link.enteredPeriods.enumerated() {
      while nextExtra < extra.count && extra[nextExtra].periodsEntered <= position {
        log += extra[nextExtra].lines
        nextExtra += 1
      }
      let quality = sustainableQualityByPeriod[entry.periodIndex]
      if configuration.verbose {
        let period = link.periods[entry.periodIndex]
        log.append(
          "[\(SabreFormat.rounded(entry.networkTimeMs))] Network: "
            + "\(SabreFormat.d(period.bandwidthKbps)),\(SabreFormat.d(period.latencyMs))  "
            + "(q=\(quality): bitrate=\(SabreFormat.d(ladder.bitratesKbps[quality])))")
      }
    }
    for index in nextExtra..<extra.count { log += extra[index].lines }
    link.enteredPeriods.removeAll(keepingCapacity: true)
  }

  /// The simulated-time limit passed during a transfer: stall until the limit and stop.
  mutating func stopAtTimeLimit() {
    let remaining = maximumSessionMs - accounting.totalPlayTimeMs
    if remaining > 0 { accounting.consume(remaining) }
    completed = false
    while queue.popNext() != nil {}
  }

  func result() -> SessionResult {
    SessionResult(
      bufferSizeMs: configuration.bufferSizeMs, segmentDurationMs: ladder.segmentDurationMs,
      segmentCount: ladder.segmentCount, totalPlayedUtility: accounting.playedUtility,
      totalPlayedBitrateKbps: accounting.playedBitrateKbps,
      totalPlayTimeMs: accounting.totalPlayTimeMs, totalRebufferMs: accounting.rebufferMs,
      rebufferEvents: accounting.rebufferEvents,
      totalBitrateChangeKbps: accounting.bitrateChangeKbps,
      totalLogBitrateChange: accounting.logBitrateChange, gammaP: configuration.gammaP,
      overEstimateCount: overEstimateCount, overEstimateKbps: overEstimateAverage,
      leqEstimateCount: leqEstimateCount, leqEstimateKbps: leqEstimateAverage,
      estimateKbps: estimateAverage, rampupTimeMs: accounting.rampupTimeMs,
      totalReactionTimeMs: accounting.reaction.totalReactionMs, startupMs: startupMs,
      switches: accounting.switches, segmentsDownloaded: segmentsDownloaded,
      completed: completed, maximumSessionMs: maximumSessionMs)
  }
}
