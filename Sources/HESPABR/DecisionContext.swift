/// The value snapshot an algorithm decides on. Built fresh by the caller for every call.
public struct DecisionContext: Sendable {
  /// The ladder and segment grid of the content.
  public var ladder: QualityLadder
  /// Index of the segment being decided.
  public var segmentIndex: Int
  /// Media in the buffer, in milliseconds of play time.
  public var bufferLevelMs: Double
  /// Current throughput estimate in kbit/s (= bits per ms); nil before the first sample.
  public var throughputKbps: Double?
  /// Current latency (time to first byte) estimate in ms; nil before the first sample.
  public var latencyMs: Double?

  public init(
    ladder: QualityLadder, segmentIndex: Int, bufferLevelMs: Double, throughputKbps: Double?,
    latencyMs: Double?
  ) {
    self.ladder = ladder
    self.segmentIndex = segmentIndex
    self.bufferLevelMs = bufferLevelMs
    self.throughputKbps = throughputKbps
    self.latencyMs = latencyMs
  }

  /// Sabre's `quality_from_throughput`: the highest quality whose segment, requested now, would
  /// arrive within one segment duration at `throughputKbps`, after the latency estimate:
  /// `latency + segment * bitrate[q] / throughput <= segment`. Quality 0 at least.
  public func quality(forThroughputKbps throughputKbps: Double) -> Int {
    let segmentMs = ladder.segmentDurationMs
    let latency = latencyMs ?? 0
    let bitrates = ladder.bitratesKbps
    var quality = 0
    while quality + 1 < bitrates.count
      && latency + segmentMs * bitrates[quality + 1] / throughputKbps <= segmentMs
    {
      quality += 1
    }
    return quality
  }
}
