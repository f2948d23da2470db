/// BOLA (Spiteri, Urgaonkar, Sitaraman, "BOLA: Near-Optimal Bitrate Adaptation for Online
/// Videos", INFOCOM 2016), as Sabre's `bola`: maximise `(Vp (u_q + gp) - buffer) / b_q` with
/// utilities `u_q = ln(b_q / b_0)`.
///
/// Variants: `basic` (fixed buffer target, no abandonment), BOLA-U (default: an upward step above
/// the throughput-based quality is capped at that quality + 1) and BOLA-O (`oscillationAvoiding`:
/// capped at the throughput-based quality, with a pacing delay instead).
public struct BOLA: ABRAlgorithm {
  public static let name = "bola"
  /// Sabre's default gamma-p product, in seconds (`-gp 5`).
  public static let defaultGammaP = 5.0

  public enum Variant: String, Sendable, CaseIterable {
    /// BOLA-BASIC: fixed buffer target, no abandonment (Sabre `-ab`).
    case basic
    /// BOLA-U: upward steps above the throughput quality are capped at that quality + 1.
    case u
    /// BOLA-O: upward steps are capped at the throughput quality, with a delay (Sabre `-ao`).
    case o
  }

  /// `Vp` moves with the position in the content (not in `basic`), so it is state.
  public struct State: Sendable, Equatable {
    public var lastQuality = 0
    public var vp: Double
    public var lastSeekIndex = 0
  }

  public let ladder: QualityLadder
  public let variant: Variant
  public let gammaP: Double
  public let bufferSizeMs: Double
  let utilities: [Double]

  /// - Parameters:
  ///   - bufferSizeMs: the buffer capacity (Sabre `-b`, in ms).
  ///   - gammaP: the gamma-p product in seconds, as Sabre takes it (`-gp`).
  public init(
    ladder: QualityLadder, bufferSizeMs: Double, variant: Variant = .u, gammaP: Double = 5
  ) {
    self.ladder = ladder
    self.variant = variant
    self.gammaP = gammaP
    self.bufferSizeMs = bufferSizeMs
    self.utilities = ladder.utilities(offset: 0)
  }

  public var initialState: State {
    State(vp: (bufferSizeMs - ladder.segmentDurationMs) / (utilities[utilities.count - 1] + gammaP))
  }

  func qualityFromBuffer(levelMs: Double, vp: Double) -> Int {
    var quality = 0
    var score: Double?
    for q in utilities.indices {
      let s = (vp * (utilities[q] + gammaP) - levelMs) / ladder.bitratesKbps[q]
      if let best = score, !(s > best) { continue }
      quality = q
      score = s
    }
    return quality
  }

  public func decide(_ context: DecisionContext, state: inout State) -> Decision {
    let segmentMs = ladder.segmentDurationMs
    if variant != .basic {
      var t = Double(
        min(context.segmentIndex - state.lastSeekIndex, ladder.segmentCount - context.segmentIndex))
      t = max(t / 2, 3)
      t = t * segmentMs
      let bufferSize = min(bufferSizeMs, t)
      state.vp = (bufferSize - segmentMs) / (utilities[utilities.count - 1] + gammaP)
    }
    var quality = qualityFromBuffer(levelMs: context.bufferLevelMs, vp: state.vp)
    var delay = 0.0
    if quality > state.lastQuality {
      let qualityT = context.quality(forThroughputKbps: context.throughputKbps ?? 0)
      if quality <= qualityT {
        delay = 0
      } else if state.lastQuality > qualityT {
        quality = state.lastQuality
        delay = 0
      } else if variant != .o {
        quality = qualityT + 1
        delay = 0
      } else {
        quality = qualityT
        let level = state.vp * (gammaP + utilities[quality])
        delay = max(0, context.bufferLevelMs - level)
        if quality == ladder.topQuality { delay = 0 }
      }
    }
    state.lastQuality = quality
    return Decision(quality: quality, delayMs: delay)
  }

  public func shouldAbandon(
    _ progress: DownloadReport, bufferLevelMs: Double, context: DecisionContext, state: inout State
  ) -> Int? {
    if variant == .basic { return nil }
    let remain = progress.sizeBits - progress.downloadedBits
    if progress.downloadedBits <= 0 || remain <= 0 { return nil }
    var abandonTo: Int?
    var score = (state.vp * (gammaP + utilities[progress.quality]) - bufferLevelMs) / remain
    if score < 0 { return nil }
    let bitrates = ladder.bitratesKbps
    for q in 0..<progress.quality {
      let otherSize = progress.sizeBits * bitrates[q] / bitrates[progress.quality]
      let otherScore = (state.vp * (gammaP + utilities[q]) - bufferLevelMs) / otherSize
      if otherSize < remain && otherScore > score {
        score = otherScore
        abandonTo = q
      }
    }
    if let abandonTo { state.lastQuality = abandonTo }
    return abandonTo
  }
}
