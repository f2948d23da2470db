import Foundation
import HESPABR
import HESPCore
import HESPProtocols
import HESPTraces

/// Runs a plan's sessions on every core (`concurrentMap`) and hands them back one at a time in
/// session order, a window of sessions at a time: memory holds one window of full results,
/// whatever the number of sessions.
enum StudyRunner {
  /// Sessions per window: enough to keep every core busy between two in-order hand-overs.
  static var windowSize: Int { max(8, 4 * ProcessInfo.processInfo.activeProcessorCount) }

  /// Runs `jobs` (a subset of `plan.jobs`, in order) and calls `deliver` for each in that order.
  static func run(
    _ plan: StudyPlan, jobs: [StudyJob], progress: StudyProgress? = nil,
    deliver: (StudyJob, ProtocolSessionResult) throws -> Void
  ) async throws {
    var start = 0
    while start < jobs.count {
      let window = Array(jobs[start..<min(start + windowSize, jobs.count)])
      let finished = await window.concurrentMap { job in
        let result = session(job, plan: plan)
        progress?.sessionDone()
        return result
      }
      for (job, result) in zip(window, finished) {
        guard let result else { continue }
        try deliver(job, result)
      }
      start += window.count
    }
  }

  /// One session, labelled with its variant, trace and sizes.
  static func session(_ job: StudyJob, plan: StudyPlan) -> ProtocolSessionResult? {
    let variant = plan.variants[job.variant]
    guard let sizes = variant.sizesByProtocol[job.streamingProtocol] else { return nil }
    var options = variant.options
    // Timelines come with each session's decisions (timelines/NNN-...-decisions.csv).
    options.recordsDecisions = plan.writeTimelines
    var result = FrameSimulation.run(
      content: sizes.content, trace: plan.trace(of: job), streamingProtocol: job.streamingProtocol,
      abr: job.abr,
      abrOptions: variant.abrOptions, options: options)
    plan.label(&result, as: job)
    return result
  }
}
