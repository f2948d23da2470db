import Foundation
import HESPProtocols

/// Runs every trace x protocol x ABR session of a plan in parallel (a task group on the
/// cooperative pool); results come back in a fixed order (trace, protocol, ABR).
enum StudyBatch {
  struct Job: Sendable {
    var trace: NamedTrace
    var streamingProtocol: StreamingProtocol
    var abr: StudyABR
  }

  static func jobs(for plan: StudyPlan) -> [Job] {
    plan.traces.flatMap { trace in
      plan.protocols.flatMap { proto in plan.abrs.map { Job(trace: trace, streamingProtocol: proto, abr: $0) } }
    }
  }

  /// Runs the batch from synchronous code (the CLI commands are synchronous).
  static func runBlocking(_ plan: StudyPlan) -> [ProtocolSessionResult] {
    let box = ResultsBox()
    let done = DispatchSemaphore(value: 0)
    Task {
      box.results = await run(plan)
      done.signal()
    }
    done.wait()
    return box.results
  }

  /// Hands the results from the task to the waiting thread (written once, before the signal).
  final class ResultsBox: @unchecked Sendable {
    var results: [ProtocolSessionResult] = []
  }

  static func run(_ plan: StudyPlan) async -> [ProtocolSessionResult] {
    let jobs = jobs(for: plan)
    let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
    var results = [ProtocolSessionResult?](repeating: nil, count: jobs.count)
    await withTaskGroup(of: (Int, ProtocolSessionResult).self) { group in
      var next = 0
      func add() {
        let index = next
        next += 1
        let job = jobs[index]
        guard let sizes = plan.sizesByProtocol[job.streamingProtocol] else { return }
        let options = plan.options
        group.addTask {
          var result = ProtocolSimulation.run(
            content: sizes.content, trace: job.trace.trace, streamingProtocol: job.streamingProtocol, abr: job.abr,
            options: options)
          result.traceName = job.trace.name
          result.sizesSource = sizes.source
          return (index, result)
        }
      }
      while next < min(workers, jobs.count) { add() }
      for await (index, result) in group {
        results[index] = result
        if next < jobs.count { add() }
      }
    }
    return results.compactMap { $0 }
  }
}
