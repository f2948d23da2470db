/// BOLA-E (Spiteri, Sitaraman, Sparacio, "From Theory to Practice: Improving Bitrate Adaptation
/// in the DASH Reference Player", MMSys 2018), as Sabre's `bolae` and dash.js's BolaRule:
/// utilities `ln(b_q / b_0) + 1`, a buffer target of `max(buffer, 10 s + 2 s x levels)`, a
/// throughput-based start with a placeholder buffer that absorbs pacing delays, BOLA-U/O capping
/// of upward steps, the insufficient-buffer rule and BOLA-score abandonment.
public struct BOLAE: ABRAlgorithm {
  public static let name = "bolae"
  /// dash.js `MINIMUM_BUFFER_S`, in ms.
  public static let minimumBufferMs = 10_000.0
  /// dash.js `MINIMUM_BUFFER_PER_BITRATE_LEVEL_S`, in ms.
  public static let minimumBufferPerLevelMs = 2_000.0
  /// Floor of the insufficient-buffer safety factor.
  public static let lowBufferSafetyFactor = 0.5
  /// Initial insufficient-buffer safety factor, also its per-decision decay multiplier.
  public static let lowBufferSafetyFactorInitial = 0.9

  public enum Phase: Sendable, Equatable {
    case startup
    case steady
  }

  public struct State: Sendable, Equatable {
    public var phase = Phase.startup
    /// Virtual buffer in ms added to the real level (absorbs delays so BOLA keeps its quality).
    public var placeholderMs = 0.0
    public var lastQuality = 0
    /// Insufficient-buffer safety factor, set at the end of startup.
    public var insufficientBufferSafety = BOLAE.lowBufferSafetyFactorInitial
  }

  public let ladder: QualityLadder
  /// BOLA-O capping instead of BOLA-U (Sabre `-ao`).
  public let oscillationAvoiding: Bool
  /// Sabre `-noibr`: no insufficient-buffer rule, and BOLA's own gp and buffer (to match BOLA basic).
  public let insufficientBufferRuleEnabled: Bool
  /// The buffer target in ms, as Sabre computes it (`max(-b, 10 s + 2 s x levels)`).
  public let bufferTargetMs: Double
  let utilities: [Double]
  let gp: Double
  let vp: Double

  public init(
    ladder: QualityLadder, bufferSizeMs: Double, oscillationAvoiding: Bool = false,
    insufficientBufferRuleEnabled: Bool = true, gammaP: Double = BOLA.defaultGammaP
  ) {
    self.ladder = ladder
    self.oscillationAvoiding = oscillationAvoiding
    self.insufficientBufferRuleEnabled = insufficientBufferRuleEnabled
    let utilities = ladder.utilities(offset: 1)
    self.utilities = utilities
    let top = utilities[utilities.count - 1]
    if insufficientBufferRuleEnabled {
      var buffer = Self.minimumBufferMs
      buffer += Self.minimumBufferPerLevelMs * Double(ladder.bitratesKbps.count)
      buffer = max(buffer, bufferSizeMs)
      bufferTargetMs = buffer
      gp = (top - 1) / (buffer / Self.minimumBufferMs - 1)
      vp = Self.minimumBufferMs / gp
    } else {
      bufferTargetMs = bufferSizeMs
      gp = gammaP - 1
      vp = (bufferSizeMs - ladder.segmentDurationMs) / (top + gp)
    }
  }

  public var initialState: State { State() }

  func qualityFromBuffer(levelMs: Double) -> Int {
    var quality = 0
    var score: Double?
    for q in utilities.indices {
      let s = (vp * (utilities[q] + gp) - levelMs) / ladder.bitratesKbps[q]
      if let best = score, !(s > best) { continue }
      quality = q
      score = s
    }
    return quality
  }

  /// The lowest buffer level at which BOLA prefers `quality` to every lower quality.
  func minimumBufferMs(for quality: Int) -> Double {
    let bitrate = ladder.bitratesKbps[quality]
    let utility = utilities[quality]
    var level = 0.0
    for q in 0..<quality where utilities[q] < utilities[quality] {
      let b = ladder.bitratesKbps[q]
      let u = utilities[q]
      let l = vp * (gp + (bitrate * u - b * utility) / (bitrate - b))
      level = max(level, l)
    }
    return level
  }

  /// The buffer level above which BOLA would rather wait than download `quality`.
  func maximumBufferMs(for quality: Int) -> Double {
    vp * (utilities[quality] + gp)
  }

  public func decide(_ context: DecisionContext, state: inout State) -> Decision {
    let bufferLevel = context.bufferLevelMs
    guard let throughput = context.throughputKbps else {
      return Decision(quality: state.lastQuality)
    }
    if state.phase == .startup {
      state.phase = .steady
      state.insufficientBufferSafety = Self.lowBufferSafetyFactorInitial
      let quality = context.quality(forThroughputKbps: throughput)
      state.placeholderMs = max(0, minimumBufferMs(for: quality) - bufferLevel)
      return Decision(quality: quality)
    }

    var quality = qualityFromBuffer(levelMs: bufferLevel + state.placeholderMs)
    let qualityT = context.quality(forThroughputKbps: throughput)
    if quality > state.lastQuality && quality > qualityT {
      quality = max(state.lastQuality, qualityT)
      if !oscillationAvoiding { quality += 1 }
    }

    let maxLevel = maximumBufferMs(for: quality)
    var delay = bufferLevel + state.placeholderMs - maxLevel
    if delay > 0 {
      if delay <= state.placeholderMs {
        state.placeholderMs -= delay
        delay = 0
      } else {
        delay -= state.placeholderMs
        state.placeholderMs = 0
      }
    } else {
      delay = 0
    }
    if quality == ladder.topQuality { delay = 0 }

    if insufficientBufferRuleEnabled {
      let safeSizeBits =
        state.insufficientBufferSafety * (bufferLevel - (context.latencyMs ?? 0)) * throughput
      state.insufficientBufferSafety *= Self.lowBufferSafetyFactorInitial
      state.insufficientBufferSafety = max(
        state.insufficientBufferSafety, Self.lowBufferSafetyFactor)
      for q in 0..<quality
      where ladder.bitratesKbps[q + 1] * ladder.segmentDurationMs > safeSizeBits {
        quality = q
        delay = 0
        let maxPlaceholder = max(0, minimumBufferMs(for: quality) - bufferLevel)
        state.placeholderMs = min(maxPlaceholder, state.placeholderMs)
        break
      }
    }
    return Decision(quality: quality, delayMs: delay)
  }

  public func didIdle(durationMs: Double, state: inout State) {
    state.placeholderMs += durationMs
  }

  public func didDownload(_ report: DownloadReport, context: DecisionContext, state: inout State) {
    state.lastQuality = report.quality
    let level = context.bufferLevelMs
    if let abandonedTo = report.abandonedToQuality {
      guard !report.isReplacement else { return }
      // Abandonment means something went wrong: lower the placeholder to a conservative level.
      let wantLevel = abandonedTo > 0 ? minimumBufferMs(for: abandonedTo) : Self.minimumBufferMs
      state.placeholderMs = min(state.placeholderMs, max(0, wantLevel - level))
      return
    }
    if report.isReplacement {
      state.placeholderMs += ladder.segmentDurationMs
      return
    }
    // Keep the placeholder from being too large relative to the download...
    let levelWas = level + report.timeMs
    let maxPlaceholder = max(0, maximumBufferMs(for: report.quality) - levelWas)
    state.placeholderMs = min(state.placeholderMs, maxPlaceholder)
    // ...or too small (when the decision was not BOLA's); not while rebuffering.
    if level > 0 {
      let minPlaceholder = minimumBufferMs(for: report.quality) - levelWas
      state.placeholderMs = max(state.placeholderMs, minPlaceholder)
    }
  }

  public func shouldAbandon(
    _ progress: DownloadReport, bufferLevelMs: Double, context: DecisionContext, state: inout State
  ) -> Int? {
    let remain = progress.sizeBits - progress.downloadedBits
    if progress.downloadedBits <= 0 || remain <= 0 { return nil }
    // A new request costs a new latency: estimate the state after it.
    let bl = max(0, bufferLevelMs + state.placeholderMs - progress.timeToFirstBitMs)
    let tp = progress.downloadedBits / (progress.timeMs - progress.timeToFirstBitMs)
    let sz = remain - progress.timeToFirstBitMs * tp
    if sz <= 0 { return nil }
    var abandonTo: Int?
    var score = (vp * (gp + utilities[progress.quality]) - bl) / sz
    let bitrates = ladder.bitratesKbps
    for q in 0..<progress.quality {
      let otherSize = progress.sizeBits * bitrates[q] / bitrates[progress.quality]
      let otherScore = (vp * (gp + utilities[q]) - bl) / otherSize
      if otherSize < sz && otherScore > score {
        score = otherScore
        abandonTo = q
      }
    }
    return abandonTo
  }
}
