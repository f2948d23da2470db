import ArgumentParser
import Foundation
import HESPABR
import HESPCore
import HESPEmulation
import HESPProtocols
import HESPStudy
import HESPTraces

/// `hesp emulate`: a study's sessions over real HTTP through an emulated link (run, the
/// default), any server and client over one link (link), and simulated against emulated
/// results (compare).
struct EmulateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "emulate",
    abstract:
      "Play a study's sessions for real (hesp serve, hesp play) through a trace-shaped link between network namespaces.",
    subcommands: [EmulateRunCommand.self, EmulateLinkCommand.self, EmulateCompareCommand.self],
    defaultSubcommand: EmulateRunCommand.self)

  static func note(_ line: String) { FileHandle.standardError.write(Data("hesp: \(line)\n".utf8)) }

  /// The running `hesp` binary (it serves and plays in the namespaces).
  static func executable() -> URL {
    if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
      return URL(fileURLWithPath: path)
    }
    return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
  }
}

extension EmulationError: UserFacingError {}
extension EmulationOptions.Uplink: ExpressibleByArgument {}

/// Link options shared by `emulate run` and `emulate link`.
struct EmulateLinkArguments: ParsableArguments {
  @Option(
    help:
      "Uplink (requests, ACKs): fast (the trace's delay, no rate limit) or trace (the downlink's trace)."
  )
  var uplink: EmulationOptions.Uplink = .fast

  @Option(help: "Drop-tail queue of each direction, bytes (100 packets of 1,500 bytes by default).")
  var queueBytes: Int = LinkDirection.defaultQueueLimitBytes

  @Option(
    help: "TCP congestion control in both namespaces (cubic, bbr, reno); default: the system's.")
  var congestionControl: String?

  func validate() throws {
    guard queueBytes >= 1500, queueBytes <= 1 << 30 else {
      throw ValidationError("--queue-bytes: expected 1500...\(1 << 30), got \(queueBytes)")
    }
  }
}

/// `hesp emulate [run]`: the arguments of `hesp study run` that apply to recorded packages.
struct EmulateRunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract:
      "Play every study session (trace x protocol x ABR) with hesp play against hesp serve over an emulated link.",
    discussion: """
      Needs root, the ip command and /dev/net/tun. For each session: two network namespaces \
      (hesp-<pid>-*) joined by a userspace link over TUN devices that delays each packet by half the \
      trace period's latency and delivers at its bandwidth (Mahimahi traces at their own packet \
      granularity) with a drop-tail queue; hesp serve PKG [BASELINE] in one, hesp play in the other. \
      Writes what hesp study writes (results.json, summary.json, sessions.csv, switches.csv, \
      table.txt, report.html). --compare SIM_DIR then prints simulated vs emulated per session. \
      Every namespace is deleted on exit, error, Ctrl-C and SIGTERM.
      """)

  @OptionGroup var sweep: StudySweepArguments

  @OptionGroup var link: EmulateLinkArguments

  @Option(
    help:
      "A folder hesp study wrote for the same arguments: print simulated vs emulated per session.")
  var compare: String?

  @Flag(help: "No progress on stderr.")
  var quiet = false

  @OptionGroup var out: OutputArguments<EmulateOutputDefault>

  func run() throws {
    var options = try sweep.session.options()
    var defaults = try StudySessionArguments.parse([]).options()
    defaults.contentDurationMs = options.contentDurationMs
    defaults.videoOnly = options.videoOnly
    // Models of the simulator's link: the emulated link has a real queue and real packets.
    defaults.cancelledQueueRoundTrips = options.cancelledQueueRoundTrips
    defaults.packetPayloadBytes = options.packetPayloadBytes
    guard options == defaults else {
      throw ProtocolInputError(
        "--content-duration is the only session option hesp play takes yet: leave the others at their defaults"
      )
    }
    // hesp play fetches no audio: the emulated sessions are video only (--video-only or not).
    options.videoOnly = true
    let simulated = try compare.map { try EmulationComparison.results(inFolder: $0) }
    let traceSet = try sweep.loadTraces()
    for note in traceSet.notes { EmulateCommand.note(note) }
    guard !sweep.packages.isEmpty else {
      throw ProtocolInputError("--package: give a package directory")
    }
    let packageSets = try sweep.loadPackages()
    var folders: [String: EmulationOptions.PackageFolders] = [:]
    for (package, loaded) in zip(sweep.packages, packageSets) {
      let nested = (package as NSString).appendingPathComponent("baseline")
      folders[loaded.hesp.name] = .init(
        hesp: package, baseline: loaded.baseline == nil ? nil : sweep.baseline ?? nested)
    }
    let plan = try StudyPlan(
      title: "Switch latency study, emulated", sweep: packageSets, rttsMs: try sweep.rttsMs(),
      traces: traceSet.traces, protocols: sweep.protocol.elements, abrs: sweep.abr.elements,
      options: options, writeTimelines: sweep.timelines)
    var emulation = EmulationOptions(executable: EmulateCommand.executable(), packages: folders)
    if let player = ProcessInfo.processInfo.environment["HESP_EMULATE_PLAYER"], !player.isEmpty {
      emulation.playerExecutable = URL(fileURLWithPath: player)
    }
    emulation.uplink = link.uplink
    emulation.queueLimitBytes = link.queueBytes
    emulation.congestionControl = link.congestionControl
    emulation.capacities = EmulationOptions.mahimahiCapacities(
      of: traceSet.traces, options: sweep.traceImport.options)
    try EmulationRequirements.check()
    let inputs = sweep.inputs + [compare].compactMap { $0 }
    let cleanUp: @Sendable () -> Void = { EmulationCleanup.cleanUp() }
    let outcome = try out.write(command: "emulate", inputs: inputs, cleanUp: cleanUp) { staging in
      let progress =
        quiet ? nil : StudyProgress(total: plan.sessionCount) { EmulateCommand.note($0) }
      let quiet = self.quiet
      return try Emulation.run(plan, options: emulation, writingInto: staging, progress: progress) {
        if !quiet { EmulateCommand.note($0) }
      }
    }
    print(outcome.table)
    if let simulated {
      let emulated = try EmulationComparison.results(inFolder: out.output)
      print("")
      print(EmulationComparison(simulated: simulated, emulated: emulated).render())
    }
  }
}

/// `emulate-out`.
enum EmulateOutputDefault: OutputFolderDefault {
  static let path = "emulate-out"
}

/// `hesp emulate compare SIM_DIR EMU_DIR`.
struct EmulateCompareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract:
      "Print simulated vs emulated startup, p50 switch latency and switch count per session, and the deviations."
  )

  @Argument(help: "The folder hesp study wrote.")
  var simulated: String

  @Argument(help: "The folder hesp emulate wrote (same arguments).")
  var emulated: String

  func run() throws {
    let comparison = EmulationComparison(
      simulated: try EmulationComparison.results(inFolder: simulated),
      emulated: try EmulationComparison.results(inFolder: emulated))
    print(comparison.render())
  }
}

/// `hesp emulate link`: any server and client over one emulated link, for measuring it.
struct EmulateLinkCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "link",
    abstract:
      "Run a server command and a client command (sh -c) in two namespaces joined by one emulated link; print the link's counters.",
    discussion: """
      The server listens on \(EmulatedPath.serverAddress) (the client is \(EmulatedPath.clientAddress)). The link \
      replays --trace (its first trace, any format) or a constant --rate-mbps with --rtt-ms.
      """)

  @Option(help: "A trace file (any supported format).")
  var trace: String?

  @OptionGroup var traceImport: TraceImportArguments

  @Option(help: "Without --trace: a constant downlink rate, Mbit/s.")
  var rateMbps: Double?

  @Option(help: "Without --trace: the round-trip time the link adds, ms.")
  var rttMs: Double = 80

  @OptionGroup var link: EmulateLinkArguments

  @Option(help: "The port the server listens on (the client starts once it accepts connections).")
  var port = 8080

  @Option(help: "The server command (run with sh -c in the server namespace).")
  var server: String

  @Option(
    help:
      "The client command (run with sh -c in the client namespace; its output is passed through).")
  var client: String

  func run() throws {
    let trace: NetworkTrace
    var capacity: LinkCapacity?
    if let path = self.trace {
      let set: TraceSet
      do {
        set = try TraceSet.load(
          paths: [path], format: traceImport.format, options: traceImport.options)
      } catch {
        throw ProtocolInputError(error.description)
      }
      trace = set.traces[0].trace
      capacity =
        EmulationOptions.mahimahiCapacities(of: set.traces, options: traceImport.options)[0]
    } else {
      guard let rateMbps, rateMbps > 0, rateMbps <= 100_000 else {
        throw ProtocolInputError("--rate-mbps: give a rate in (0, 100000] Mbit/s, or --trace")
      }
      guard rttMs >= 0, rttMs <= 60_000 else {
        throw ProtocolInputError("--rtt-ms: expected 0...60000, got \(rttMs)")
      }
      trace = NetworkTrace(periods: [
        .init(durationMs: 3_600_000, bandwidthKbps: rateMbps * 1000, latencyMs: rttMs)
      ])
    }
    let (downlink, uplink) = LinkDirection.pair(
      trace: trace, capacity: capacity, uplink: link.uplink, queueLimitBytes: link.queueBytes)
    let interruption = Interruption.install(
      command: "emulate link", cleanUp: { EmulationCleanup.cleanUp() })
    defer { for source in interruption { source.cancel() } }
    let outcome = try LinkSession.run(
      downlink: downlink, uplink: uplink, server: ["/bin/sh", "-c", server],
      client: ["/bin/sh", "-c", client], port: port,
      congestionControl: link.congestionControl)
    EmulateCommand.note(
      "emulate link: tcp \(outcome.congestionControl); " + LinkReport.line(outcome.statistics))
    if let rate = LinkReport.achievedMegabitsPerSecond(outcome.statistics.downlink) {
      EmulateCommand.note(
        "emulate link: downlink delivered \(String(format: "%.3f", rate)) Mbit/s of IP packets from its first to its last packet"
      )
    }
    guard outcome.clientStatus == 0 else {
      throw CommandFailure("the client exited with status \(outcome.clientStatus)")
    }
  }
}
