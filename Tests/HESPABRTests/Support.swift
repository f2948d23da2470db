import HESPABR

/// Sabre's `movie.json` ladder (10 levels, 3 s segments, 199 segments).
let sabreLadder = QualityLadder(
  bitratesKbps: [230, 331, 477, 688, 991, 1427, 2056, 2962, 5027, 6000], segmentDurationMs: 3000,
  segmentCount: 199)

func context(
  bufferMs: Double, throughputKbps: Double? = 3000, latencyMs: Double? = 75, segment: Int = 10,
  ladder: QualityLadder = sabreLadder
) -> DecisionContext {
  DecisionContext(
    ladder: ladder, segmentIndex: segment, bufferLevelMs: bufferMs, throughputKbps: throughputKbps,
    latencyMs: latencyMs)
}
