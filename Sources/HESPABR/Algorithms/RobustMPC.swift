/// RobustMPC (Yin, Jindal, Sekar, Sinopoli, "A Control-Theoretic Approach for Dynamic Adaptive
/// Video Streaming over HTTP", SIGCOMM 2015), as Pensieve's `test/mpc.py`: exhaustive search
/// over the qualities of the next 5 segments, maximising
/// `sum(bitrate)/1000 - 4.3 x rebuffer_s - sum(|bitrate change|)/1000` (Mbit/s units), with the
/// throughput predicted as the harmonic mean of the last 5 samples divided by
/// (1 + the largest relative prediction error of the last 5 decisions).
///
/// Samples are size / (time including the time to first byte), as Pensieve's `size / delay`.
/// Before the first reported download, the session's estimate stands in for the sample.
/// Ties go to the combination enumerated last (Pensieve's `>=`).
public struct RobustMPC: ABRAlgorithm {
  public static let name = "mpc"
  /// Segments looked ahead.
  public static let defaultHorizon = 5
  /// Samples in the harmonic mean, and errors in the discount.
  public static let historyLength = 5
  /// QoE penalty per second of rebuffering, in Mbit/s (Pensieve's `REBUF_PENALTY`).
  public static let rebufferPenalty = 4.3
  /// QoE penalty per Mbit/s of bitrate change (Pensieve's `SMOOTH_PENALTY`).
  public static let smoothnessPenalty = 1.0

  public struct State: Sendable, Equatable {
    public var lastQuality = 0
    /// Last throughput samples in kbit/s, oldest first.
    public var samplesKbps: [Double] = []
    /// Relative errors of the last predictions, oldest first.
    public var errors: [Double] = []
    /// The last undiscounted prediction (harmonic mean), in kbit/s.
    public var lastPredictionKbps: Double?
  }

  public let horizon: Int

  public init(horizon: Int = RobustMPC.defaultHorizon) {
    self.horizon = max(1, horizon)
  }

  public var initialState: State { State() }

  public func didDownload(_ report: DownloadReport, context: DecisionContext, state: inout State) {
    guard report.abandonedToQuality == nil, !report.isReplacement, report.timeMs > 0 else { return }
    state.samplesKbps.append(report.downloadedBits / report.timeMs)
    if state.samplesKbps.count > Self.historyLength { state.samplesKbps.removeFirst() }
  }

  /// The discounted throughput prediction in kbit/s; records this decision's error.
  func predictThroughput(_ context: DecisionContext, state: inout State) -> Double? {
    if state.samplesKbps.isEmpty, let estimate = context.throughputKbps {
      state.samplesKbps.append(estimate)
    }
    guard let newest = state.samplesKbps.last, newest > 0 else { return nil }
    let error = state.lastPredictionKbps.map { abs($0 - newest) / newest } ?? 0
    state.errors.append(error)
    if state.errors.count > Self.historyLength { state.errors.removeFirst() }
    var inverseSum = 0.0
    for sample in state.samplesKbps { inverseSum += 1 / sample }
    let harmonic = 1 / (inverseSum / Double(state.samplesKbps.count))
    state.lastPredictionKbps = harmonic
    return harmonic / (1 + (state.errors.max() ?? 0))
  }

  public func decide(_ context: DecisionContext, state: inout State) -> Decision {
    guard let throughput = predictThroughput(context, state: &state) else {
      return Decision(quality: state.lastQuality)
    }
    let ladder = context.ladder
    let length = min(horizon, ladder.segmentCount - context.segmentIndex)
    guard length > 0 else { return Decision(quality: state.lastQuality) }
    var search = Search(
      ladder: ladder, firstSegment: context.segmentIndex, length: length,
      throughputKbps: throughput)
    search.explore(
      depth: 0, bufferMs: context.bufferLevelMs, rebufferMs: 0, bitrateSum: 0, changeSum: 0,
      lastQuality: state.lastQuality, firstQuality: 0)
    state.lastQuality = search.bestFirstQuality
    return Decision(quality: search.bestFirstQuality)
  }

  /// Depth-first enumeration of every quality sequence, in Pensieve's lexicographic order.
  struct Search {
    let ladder: QualityLadder
    let firstSegment: Int
    let length: Int
    let throughputKbps: Double
    var bestReward = -Double.infinity
    var bestFirstQuality = 0

    init(ladder: QualityLadder, firstSegment: Int, length: Int, throughputKbps: Double) {
      self.ladder = ladder
      self.firstSegment = firstSegment
      self.length = length
      self.throughputKbps = throughputKbps
    }

    mutating func explore(
      depth: Int, bufferMs: Double, rebufferMs: Double, bitrateSum: Double, changeSum: Double,
      lastQuality: Int, firstQuality: Int
    ) {
      if depth == length {
        let reward =
          bitrateSum / 1000 - RobustMPC.rebufferPenalty * rebufferMs / 1000
          - RobustMPC.smoothnessPenalty * changeSum / 1000
        if reward >= bestReward {
          bestReward = reward
          bestFirstQuality = firstQuality
        }
        return
      }
      let bitrates = ladder.bitratesKbps
      for quality in bitrates.indices {
        let downloadMs =
          ladder.sizeBits(segment: firstSegment + depth, quality: quality) / throughputKbps
        var buffer = bufferMs
        var rebuffer = rebufferMs
        if buffer < downloadMs {
          rebuffer += downloadMs - buffer
          buffer = 0
        } else {
          buffer -= downloadMs
        }
        buffer += ladder.segmentDurationMs
        explore(
          depth: depth + 1, bufferMs: buffer, rebufferMs: rebuffer,
          bitrateSum: bitrateSum + bitrates[quality],
          changeSum: changeSum + abs(bitrates[quality] - bitrates[lastQuality]),
          lastQuality: quality, firstQuality: depth == 0 ? quality : firstQuality)
      }
    }
  }
}
