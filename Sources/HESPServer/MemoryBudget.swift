/// Bytes that may still be held in memory. Stores read their files into memory at start, the
/// smallest first (init packets and headers are the hot ones), while the budget lasts; the
/// rest is read from disk per request. wire.md measured a file read per request at a quarter
/// of nginx's requests/s and the same bytes held in memory at nginx's.
public struct MemoryBudget: Sendable {
  public private(set) var remainingBytes: Int
  /// No single file above this is held in memory.
  public var maximumFileBytes: Int

  public init(totalBytes: Int, maximumFileBytes: Int = 64 << 20) {
    remainingBytes = max(0, totalBytes)
    self.maximumFileBytes = maximumFileBytes
  }

  /// Takes `bytes` from the budget when they fit.
  mutating func take(_ bytes: Int) -> Bool {
    guard bytes <= maximumFileBytes, bytes <= remainingBytes else { return false }
    remainingBytes -= bytes
    return true
  }
}
