import Foundation
import HESPABR
import HESPCore
import HESPSimulator
import HESPTraces

/// Runs many sessions in parallel on every core; results come back in input order.
enum SimulateBatch {
  typealias Row = (trace: NamedTrace, choice: ABRChoice, result: SessionResult)

  static func run(
    sessions: [(NamedTrace, ABRChoice)], movie: SabreMovie, abrOptions: ABROptions,
    configuration: SessionConfiguration, repeatCount: Int
  ) async -> [Row] {
    let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
    var results: [Int: SessionResult] = [:]
    await withTaskGroup(of: (Int, SessionResult).self) { group in
      var next = 0
      func add() {
        let index = next
        next += 1
        let (trace, choice) = sessions[index]
        group.addTask {
          let run = {
            SegmentSimulation.run(
              movie: movie, trace: trace.trace, choice: choice, abrOptions: abrOptions,
              configuration: configuration
            ).result
          }
          let result = run()
          for _ in 1..<max(1, repeatCount) { _ = run() }
          return (index, result)
        }
      }
      while next < min(workers, sessions.count) { add() }
      let showsProgress = sessions.count >= 20 && isatty(STDERR_FILENO) != 0
      var finished = 0
      for await (index, result) in group {
        results[index] = result
        finished += 1
        if showsProgress
          && (finished % max(1, sessions.count / 20) == 0 || finished == sessions.count)
        {
          FileHandle.standardError.write(Data("\rsimulated \(finished)/\(sessions.count)".utf8))
          if finished == sessions.count { FileHandle.standardError.write(Data("\n".utf8)) }
        }
        if next < sessions.count { add() }
      }
    }
    return sessions.indices.compactMap { index in
      results[index].map { (sessions[index].0, sessions[index].1, $0) }
    }
  }
}
