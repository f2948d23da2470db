/// Progress or outcome of one segment download (Sabre's `DownloadProgress`).
public struct DownloadReport: Sendable, Equatable {
  /// Segment index.
  public var segmentIndex: Int
  /// Quality being downloaded.
  public var quality: Int
  /// Full size of the segment in bits.
  public var sizeBits: Double
  /// Bits received so far (equals `sizeBits` for a completed download).
  public var downloadedBits: Double
  /// Time since the request, time to first byte included, in ms.
  public var timeMs: Double
  /// Time to first byte in ms.
  public var timeToFirstBitMs: Double
  /// Set when the download was abandoned: the quality the algorithm asked to switch to
  /// (-1 when a replacement was abandoned).
  public var abandonedToQuality: Int?
  /// True when the download replaced an already-buffered segment.
  public var isReplacement: Bool

  public init(
    segmentIndex: Int, quality: Int, sizeBits: Double, downloadedBits: Double, timeMs: Double,
    timeToFirstBitMs: Double, abandonedToQuality: Int? = nil, isReplacement: Bool = false
  ) {
    self.segmentIndex = segmentIndex
    self.quality = quality
    self.sizeBits = sizeBits
    self.downloadedBits = downloadedBits
    self.timeMs = timeMs
    self.timeToFirstBitMs = timeToFirstBitMs
    self.abandonedToQuality = abandonedToQuality
    self.isReplacement = isReplacement
  }
}
