import HESPCore

/// Draws of the fuzz tests from HESPCore's seeded generator, so every fuzz run (MP4 boxes,
/// traces, sessions) feeds the same inputs on every machine.
extension SplitMix64 {
  /// An index below `count` by plain modulo (the fuzz inputs stay what they were when the
  /// tests were written; the stdlib's `random(in:)` may change between releases).
  public mutating func index(_ count: Int) -> Int { Int(next() % UInt64(count)) }

  /// One of `values`.
  public mutating func pick<T>(_ values: [T]) -> T { values[index(values.count)] }
}
