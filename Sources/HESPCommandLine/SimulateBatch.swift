import Foundation
import HESPABR
import HESPCore
import HESPSimulator
import HESPTraces
import Synchronization

/// Runs many sessions in parallel on every core (`concurrentMap`); results come back in input
/// order.
enum SimulateBatch {
  typealias Row = (trace: NamedTrace, choice: ABRChoice, result: SessionResult)

  static func run(
    sessions: [(NamedTrace, ABRChoice)], movie: SabreMovie, abrOptions: ABROptions,
    configuration: SessionConfiguration, repeatCount: Int
  ) async -> [Row] {
    let showsProgress = sessions.count >= 20 && isatty(STDERR_FILENO) != 0
    let finished = Mutex(0)
    let total = sessions.count
    let results = await sessions.indices.concurrentMap { index in
      let (trace, choice) = sessions[index]
      let run = {
        SegmentSimulation.run(
          movie: movie, trace: trace.trace, choice: choice, abrOptions: abrOptions,
          configuration: configuration
        ).result
      }
      let result = run()
      for _ in 1..<max(1, repeatCount) { _ = run() }
      if showsProgress {
        finished.withLock { finished in
          finished += 1
          if finished % max(1, total / 20) == 0 || finished == total {
            FileHandle.standardError.write(Data("\rsimulated \(finished)/\(total)".utf8))
            if finished == total { FileHandle.standardError.write(Data("\n".utf8)) }
          }
        }
      }
      return result
    }
    return zip(sessions, results).map { ($0.0, $0.1, $1) }
  }
}
