/// Something that happens at one instant of simulated time.
///
/// The engine pops events in `(time, sequence)` order: two events at the same instant run in the
/// order they were scheduled, so a run is reproducible bit for bit.
public struct ScheduledEvent<Kind: Sendable>: Sendable {
  /// Simulated time in ms since the session started.
  public var timeMs: Double
  /// Scheduling order, assigned by the queue.
  public var sequence: UInt64
  public var kind: Kind

  /// True when `self` runs before `other`.
  @inlinable
  public func precedes(_ other: ScheduledEvent) -> Bool {
    timeMs < other.timeMs || (timeMs == other.timeMs && sequence < other.sequence)
  }
}
