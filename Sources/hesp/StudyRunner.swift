import Foundation
import HESPCore
import HESPProtocols

/// Validates a study, runs it, prints the table and writes the files.
enum StudyRunner {
  static func plan(
    title: String, packages: StudyPackages, traces: [NamedTrace], protocols: [StreamingProtocol], abrs: [StudyABR],
    options: ProtocolOptions, output: String, force: Bool, timelines: Bool
  ) throws -> StudyPlan {
    let sizes = try StudyPlan.sizes(
      hespIndex: packages.hesp, hespPath: packages.hespPath, baselineIndex: packages.baseline,
      baselinePath: packages.baselinePath, protocols: protocols, options: options)
    for value in sizes.values { try options.validate(frameMs: value.content.frameMs) }
    if let content = sizes.values.first?.content {
      for trace in traces { try ProtocolSimulation.validate(trace: trace.trace, name: trace.name, content: content) }
    }
    return StudyPlan(
      title: title, sizesByProtocol: sizes, traces: traces, protocols: protocols, abrs: abrs, options: options,
      outputPath: output, force: force, writeTimelines: timelines)
  }

  /// - Parameter reportPath: the report path to print (nil = none, e.g. while staging).
  static func run(_ plan: StudyPlan, reportPath: String?) throws {
    let jobs = plan.traces.count * plan.protocols.count * plan.abrs.count
    FileHandle.standardError.write(Data("hesp: \(jobs) sessions (\(plan.traces.count) traces x \(plan.protocols.count) protocols x \(plan.abrs.count) ABRs)\n".utf8))
    let results = StudyBatch.runBlocking(plan)
    let (pooled, byABR) = StudyAggregate.make(results: results, plan: plan)
    try StudyOutput(plan: plan, results: results, pooled: pooled, byABR: byABR).write()
    print(StudyTable.render(pooled: pooled, byABR: byABR))
    for proto in plan.protocols {
      if let sizes = plan.sizesByProtocol[proto] { print("\(proto.rawValue) sizes: \(sizes.source)") }
    }
    if let reportPath { print("report: \(reportPath)") }
  }
}
