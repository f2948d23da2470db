import Foundation

/// What an ABR algorithm knows about the content: the nominal bitrate of each quality (ascending)
/// and the segment grid. Units are Sabre's: kbit/s (bits per ms) and ms.
public struct QualityLadder: Sendable, Equatable {
  /// Nominal bitrate of each quality in kbit/s, strictly ascending.
  public var bitratesKbps: [Double]
  /// Duration of every segment in ms.
  public var segmentDurationMs: Double
  /// Number of segments in the content.
  public var segmentCount: Int
  /// `segmentSizesBits[i][q]`: the real size of segment i at quality q, when known (empty
  /// otherwise; look-ahead algorithms such as MPC then assume bitrate x duration).
  public var segmentSizesBits: [[Double]]

  public init(
    bitratesKbps: [Double], segmentDurationMs: Double, segmentCount: Int,
    segmentSizesBits: [[Double]] = []
  ) {
    self.bitratesKbps = bitratesKbps
    self.segmentDurationMs = segmentDurationMs
    self.segmentCount = segmentCount
    self.segmentSizesBits = segmentSizesBits
  }

  /// Size of segment `index` at `quality` in bits: the real size when known, else the nominal one.
  public func sizeBits(segment index: Int, quality: Int) -> Double {
    index < segmentSizesBits.count
      ? segmentSizesBits[index][quality] : bitratesKbps[quality] * segmentDurationMs
  }

  /// Index of the top quality.
  public var topQuality: Int { bitratesKbps.count - 1 }

  /// Sabre's BOLA utilities `ln(b_q) + offset` computed exactly as Sabre does
  /// (`log(b) + (offset - log(b_0))`), so that utility 0 is `offset`.
  public func utilities(offset: Double) -> [Double] {
    let utilityOffset = offset - Foundation.log(bitratesKbps[0])
    return bitratesKbps.map { Foundation.log($0) + utilityOffset }
  }
}
