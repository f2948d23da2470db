import Foundation
import HESPABR
import HESPProtocols
import HESPTraces
import Synchronization

/// Runs every trace x protocol x ABR session of a plan in parallel on every core; results come
/// back in a fixed order (trace, protocol, ABR), each labelled with its trace's name and the
/// sizes it was simulated on.
///
/// The sessions run on Dispatch worker threads (`concurrentPerform`), not in a task group
/// waited for with a semaphore: blocking a thread of Swift's cooperative pool (a test, an async
/// caller) on work that needs that pool deadlocks on a small machine.
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

  /// Runs the sessions and returns them in job order.
  static func run(_ plan: StudyPlan) -> [ProtocolSessionResult] {
    let jobs = jobs(for: plan)
    let results = Mutex([ProtocolSessionResult?](repeating: nil, count: jobs.count))
    DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
      let job = jobs[index]
      guard let sizes = plan.sizesByProtocol[job.streamingProtocol] else { return }
      var result = ProtocolSimulation.run(
        content: sizes.content, trace: job.trace.trace, streamingProtocol: job.streamingProtocol, abr: job.abr,
        options: plan.options)
      result.traceName = job.trace.name
      result.sizesSource = sizes.source
      results.withLock { $0[index] = result }
    }
    return results.withLock { $0.compactMap { $0 } }
  }
}
