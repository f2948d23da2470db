import HESPABR
import HESPCore
import HESPTraces

/// A VoD segment player over a trace-replay link, driven by a discrete-event engine
/// (`EventQueue`): Sabre's session (`sabre.py`'s main loop) with its buffer, idle, stall,
/// replacement and abandonment semantics, step for step.
///
/// One event per step: the first request; making room in a full buffer (idle); the ABR decision
/// (and its pacing delay); the request on the link; the arrival. Each handler advances the link,
/// plays the buffer out over the elapsed time and schedules the next step.
public struct SegmentEventSession<Algorithm: ABRAlgorithm> {
  enum Step: Sendable {
    case firstRequest
    case makeRoom
    case decide
    case request(quality: Int, replaceOffset: Int?, decisionMs: Double)
    case arrival(report: DownloadReport, replaceOffset: Int?, decisionMs: Double)
    case end
  }

  let movie: SabreMovie
  let ladder: QualityLadder
  let algorithm: Algorithm
  let configuration: SessionConfiguration
  let sustainableQualityByPeriod: [Int]
  let maximumSessionMs: Double

  var queue = EventQueue<Step>()
  var link: TraceLink
  var abrState: Algorithm.State
  var estimator: AnyThroughputEstimator
  var accounting: PlaybackAccounting
  var nextSegment = 1
  var lastBufferedQuality = 0
  var startupMs: Double?
  var segmentsDownloaded = 0
  var overEstimateCount = 0
  var overEstimateAverage = 0.0
  var leqEstimateCount = 0
  var leqEstimateAverage = 0.0
  var estimateAverage = 0.0
  var completed = true
  /// Sabre's `-v` lines, when `configuration.verbose`.
  public internal(set) var log: [String] = []

  /// - Precondition: `movie` and `trace` are valid (see `MovieValidation`, `TraceValidation`).
  public init(
    movie: SabreMovie, trace: NetworkTrace, algorithm: Algorithm,
    configuration: SessionConfiguration
  ) {
    self.movie = movie
    let segmentMs = Double(movie.segmentDurationMs)
    ladder = QualityLadder(
      bitratesKbps: movie.bitratesKbps, segmentDurationMs: segmentMs,
      segmentCount: movie.segmentSizesBits.count, segmentSizesBits: movie.segmentSizesBits)
    self.algorithm = algorithm
    self.configuration = configuration
    // Never beyond the 15-day limit, whatever the caller asked: it bounds the session's work.
    maximumSessionMs = min(
      configuration.maximumSessionMs ?? (2 * segmentMs * Double(ladder.segmentCount) + 60_000),
      SimulationLimits.maximumSessionMs)
    sustainableQualityByPeriod = trace.periods.map { period in
      let effective =
        period.bandwidthKbps * configuration.bandwidthMultiplier
        * (1 - period.latencyMs / segmentMs)
      var quality = 0
      for q in 1..<max(1, movie.bitratesKbps.count) {
        if movie.bitratesKbps[q] > effective { break }
        quality = q
      }
      return quality
    }
    // The feed follows every period; the list of entered periods is only kept for `-v` lines.
    link = TraceLink(
      trace: trace, bandwidthMultiplier: configuration.bandwidthMultiplier,
      recordsEnteredPeriods: configuration.verbose,
      feed: NetworkQualityFeed(
        qualityByPeriod: sustainableQualityByPeriod, maximumBufferMs: configuration.bufferSizeMs))
    link.timeLimitMs = maximumSessionMs
    abrState = algorithm.initialState
    estimator = configuration.estimator.make(segmentDurationMs: segmentMs)
    accounting = PlaybackAccounting(
      bitratesKbps: movie.bitratesKbps, segmentDurationMs: segmentMs,
      maximumBufferMs: configuration.bufferSizeMs, rampupThreshold: configuration.rampupThreshold)
    accounting.sustainableQuality = link.feed?.current ?? 0
  }

  /// Runs the session to its end and returns what it measured.
  public mutating func run() -> SessionResult {
    queue.schedule(.firstRequest, atMs: 0)
    while let event = queue.popNext() {
      handle(event.kind, nowMs: event.timeMs)
    }
    return result()
  }

  mutating func handle(_ step: Step, nowMs: Double) {
    switch step {
    case .firstRequest: requestFirstSegment()
    case .makeRoom: makeRoom(nowMs: nowMs)
    case .decide: decide(nowMs: nowMs)
    case .request(let quality, let replaceOffset, let decisionMs):
      request(quality: quality, replaceOffset: replaceOffset, decisionMs: decisionMs, nowMs: nowMs)
    case .arrival(let report, let replaceOffset, let decisionMs):
      arrive(report, replaceOffset: replaceOffset, decisionMs: decisionMs, nowMs: nowMs)
    case .end: accounting.playOut()
    }
  }

  func context(segment: Int, bufferLevelMs: Double) -> DecisionContext {
    DecisionContext(
      ladder: ladder, segmentIndex: segment, bufferLevelMs: bufferLevelMs,
      throughputKbps: estimator.throughputKbps, latencyMs: estimator.latencyMs)
  }

  mutating func requestFirstSegment() {
    drainEnteredPeriods()  // the link entered period 0 when it was built
    let quality = algorithm.firstQuality(state: abrState)
    let size = movie.segmentSizesBits[0][quality]
    let download = onLink {
      $0.download(sizeBits: size, segmentIndex: 0, quality: quality, bufferLevelMs: 0)
    }
    drainEnteredPeriods()
    guard download.completed else { return stopAtTimeLimit() }
    let report = download.report
    let downloadTime = report.timeMs - report.timeToFirstBitMs
    startupMs = report.timeMs
    accounting.buffer.entries.append(.init(quality: report.quality))
    segmentsDownloaded = 1
    lastBufferedQuality = report.quality
    estimator.add(
      durationMs: downloadTime, throughputKbps: report.sizeBits / downloadTime,
      latencyMs: report.timeToFirstBitMs)
    accounting.addStartupTime(report.timeMs)
    if configuration.verbose {
      log.append(
        "[0-\(SabreFormat.rounded(report.timeMs))]  0: q=\(report.quality) "
          + "s=\(SabreFormat.d(report.downloadedBits))/\(SabreFormat.d(report.sizeBits)) "
          + "t=\(SabreFormat.d(report.timeMs))=\(SabreFormat.d(report.timeToFirstBitMs))+"
          + "\(SabreFormat.d(downloadTime)) bl=0->0->\(SabreFormat.d(accounting.buffer.levelMs))")
    }
    queue.schedule(ladder.segmentCount > 1 ? .makeRoom : .end, atMs: report.timeMs)
  }

  mutating func makeRoom(nowMs: Double) {
    if nowMs > maximumSessionMs { return stopAtTimeLimit() }
    let fullDelay =
      accounting.buffer.levelMs + ladder.segmentDurationMs - configuration.bufferSizeMs
    guard fullDelay > 0 else { return queue.schedule(.decide, atMs: nowMs) }
    accounting.consume(fullDelay)
    onLink { $0.idle(durationMs: fullDelay) }
    drainEnteredPeriods()
    algorithm.didIdle(durationMs: fullDelay, state: &abrState)
    if configuration.verbose {
      log.append(
        "full buffer delay \(SabreFormat.d(fullDelay)) bl=\(SabreFormat.d(accounting.buffer.levelMs))"
      )
    }
    queue.schedule(.decide, atMs: nowMs + fullDelay)
  }

  mutating func decide(nowMs: Double) {
    let decisionMs = accounting.totalPlayTimeMs
    var decision = algorithm.decide(
      context(segment: nextSegment, bufferLevelMs: accounting.buffer.levelMs), state: &abrState)
    let replaceOffset = replacementOffset(for: decision.quality)
    if replaceOffset != nil { decision.delayMs = 0 }
    if decision.delayMs > 0 {
      accounting.consume(decision.delayMs)
      let delayMs = decision.delayMs
      onLink { $0.idle(durationMs: delayMs) }
      drainEnteredPeriods()
      if configuration.verbose {
        log.append(
          "abr delay \(SabreFormat.d(decision.delayMs)) bl=\(SabreFormat.d(accounting.buffer.levelMs))"
        )
      }
    }
    queue.schedule(
      .request(quality: decision.quality, replaceOffset: replaceOffset, decisionMs: decisionMs),
      atMs: nowMs + decision.delayMs)
  }
}
