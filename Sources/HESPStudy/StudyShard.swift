import HESPProtocols

/// One deterministic share of a study's sessions: shard K of N takes the sessions whose index
/// is K − 1 modulo N (round robin, so shards of a sweep carry similar work).
public struct StudyShard: Sendable, Equatable, Codable, CustomStringConvertible {
  /// 1...count.
  public var number: Int
  public var count: Int

  /// Parses `K/N` with 1 <= K <= N.
  /// - Throws: `ProtocolInputError` naming the option and the rule.
  public init(parsing text: String, option: String = "--shard") throws(ProtocolInputError) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let number = Int(parts[0]), let count = Int(parts[1]) else {
      throw ProtocolInputError("\(option): '\(text)' is not K/N (e.g. 2/8)")
    }
    guard count >= 1, count <= 100_000, (1...count).contains(number) else {
      throw ProtocolInputError("\(option): '\(text)': K must be 1...N and N at most 100000")
    }
    self.number = number
    self.count = count
  }

  public var description: String { "\(number)/\(count)" }

  /// Whether session `index` belongs to this shard.
  public func owns(_ index: Int) -> Bool { index % count == number - 1 }

  /// This shard's sessions of `plan`, in order.
  public func jobs(of plan: StudyPlan) -> [StudyJob] { plan.jobs.filter { owns($0.index) } }
}
