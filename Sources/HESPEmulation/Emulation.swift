import Foundation
import HESPABR
import HESPProtocols
import HESPStudy
import HESPTraces

/// `hesp emulate`: a study's sessions played for real. For each session, two network namespaces
/// joined by an `EmulatedLink` replaying the session's trace; `hesp serve` serves the package in
/// one, `hesp play` plays it in the other; its result goes into the same files `hesp study`
/// writes (`Study.run(_:writingInto:progress:log:session:)`). Sessions run one at a time.
public enum Emulation {
  /// One line per session for the caller's log: the link's counters.
  public typealias SessionLog = @Sendable (String) -> Void

  /// Runs every session of `plan` and writes the study's files into `directory`.
  /// - Throws: `EmulationError` (a requirement missing, a server or player that failed),
  ///   `ProtocolInputError` (an output that cannot be written).
  public static func run(
    _ plan: StudyPlan, options: EmulationOptions, writingInto directory: URL,
    progress: StudyProgress? = nil,
    log: @escaping SessionLog = { _ in }
  ) throws -> StudyOutcome {
    try EmulationRequirements.check()
    for name in EmulationCleanup.removeStale() {
      log("removed network namespace \(name) left by a process that is gone")
    }
    defer { EmulationCleanup.cleanUp(refusingMore: false) }
    return try Study.run(plan, writingInto: directory, progress: progress, log: log) { job in
      try session(job, of: plan, options: options, log: log)
    }
  }

  /// The link directions of `job`: the downlink replays the trace (or its Mahimahi
  /// opportunities), the uplink per `options.uplink`.
  public static func directions(of job: StudyJob, in plan: StudyPlan, options: EmulationOptions)
    -> (
      downlink: LinkDirection, uplink: LinkDirection
    )
  {
    LinkDirection.pair(
      trace: plan.trace(of: job), capacity: options.capacities[job.trace], uplink: options.uplink,
      queueLimitBytes: options.queueLimitBytes)
  }

  /// Plays `job` over a fresh pair of namespaces and returns the player's result, labelled.
  static func session(
    _ job: StudyJob, of plan: StudyPlan, options: EmulationOptions, log: SessionLog
  ) throws
    -> ProtocolSessionResult
  {
    let variant = plan.variants[job.variant]
    guard let folders = options.packages[variant.packageName] else {
      throw EmulationError("no package folder for \(variant.packageName)")
    }
    let (downlink, uplink) = directions(of: job, in: plan, options: options)
    let path = try EmulatedPath(
      downlink: downlink, uplink: uplink, congestionControl: options.congestionControl,
      clockStartsAtMediaRequest: true)
    defer { path.close() }
    let server = try EmulatedProcess(
      "hesp serve",
      arguments: [options.executable.path, "serve", folders.hesp]
        + (folders.baseline.map { [$0] } ?? []) + [
          "--host", EmulatedPath.serverAddress, "--port", String(options.port), "--no-access-log",
          // The server's idle timer restarts only when a request arrives, so a long answer
          // through a slow link (a 10 s GOP at 0.3 Mbit/s) outlives the 30 s default.
          "--idle-timeout", "600",
        ], in: path.serverNamespace)
    defer { server.finish() }
    guard server.waitForOutput(seconds: options.serverStartSeconds, where: { $0.contains("\n") })
    else {
      throw EmulationError("hesp serve did not start in the server namespace: \(server.errorTail)")
    }
    let url =
      "http://\(EmulatedPath.serverAddress):\(options.port)/\(PlayerInvocation.urlName(folders.hesp))/manifest.json"
    // The content length the simulator plays: the option, or the (looped) content's frames.
    let contentMs =
      variant.options.contentDurationMs
      ?? variant.sizesByProtocol[job.streamingProtocol].map {
        Double($0.content.frameCount) * $0.content.frameMs
      } ?? 0
    let arguments = PlayerInvocation.arguments(
      url: url, protocolName: job.streamingProtocol.rawValue, abr: job.abr.description,
      durationSeconds: contentMs / 1000)
    let player = try EmulatedProcess(
      "hesp play", arguments: [(options.playerExecutable ?? options.executable).path] + arguments,
      in: path.clientNamespace)
    defer { player.finish() }
    let limit = 3 * contentMs / 1000 + 120
    guard let status = player.wait(seconds: limit) else {
      throw EmulationError(
        "hesp play did not finish within \(Int(limit)) s (session \(job.index + 1))")
    }
    guard status == 0 else {
      throw EmulationError(
        "hesp play failed (exit status \(status), session \(job.index + 1)): \(player.errorTail)")
    }
    var result = try PlayerInvocation.result(from: player.output)
    plan.label(&result, as: job)
    let statistics = path.close()
    log(
      "session \(job.index + 1): \(job.streamingProtocol.rawValue) \(job.abr) \(plan.traces[job.trace].name): "
        + "tcp \(path.congestionControl); " + LinkReport.line(statistics))
    return result
  }
}
