import ArgumentParser
import Foundation
import HESPCore
import HESPABR
import HESPPackager
import HESPProtocols
import HESPStudy
import HESPTraces

/// `hesp study`: switch latency, startup, stalls and live latency of `hesp`, `dash` and `ll-hls`
/// over the same traces and ABRs, on packaged sizes.
struct StudyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "study",
    abstract: "Compare HESP, DASH and LL-HLS switching (trace x protocol x ABR) on packaged sizes.",
    discussion: """
      Give a package (--package, made by `hesp package`) or a video to package (--input). dash and \
      ll-hls use --baseline (a package with GOP = segment duration) when given; otherwise the HESP \
      continuation sizes, switching only at its keyframes (the output says which). Writes \
      OUT/report.html, results.json, summary.json, sessions.csv, switches.csv, table.txt, cdf.svg \
      (and timelines/*.svg with --timelines) and prints the comparison table.
      """)

  @Option(help: "HESP package directory (with frame-index.json).")
  var package: String?

  @Option(help: "Baseline package for dash/ll-hls (GOP = segment duration).")
  var baseline: String?

  @Option(help: "Video to package first (HESP package with --hesp-gop, baseline with GOP = --segment-duration).")
  var input: String?

  @Option(help: "With --input: package only the first seconds.")
  var duration: Double?

  @Option(help: "With --input: rendition ladder (e.g. 720p@3000k,480p@1200k,360p@600k).")
  var ladder: String?

  @Option(help: "With --input: continuation GOP of the HESP package, seconds.")
  var hespGop: Double = 10

  @Option(help: "With --input: segment duration (and baseline GOP), seconds.")
  var segmentDuration: Double = 2

  @Option(name: .customLong("trace"), parsing: .upToNextOption, help: "Trace files or folders (any supported format).")
  var traces: [String] = []

  @OptionGroup var traceImport: TraceImportArguments

  @Option(help: "Protocols, comma-separated: \(StreamingProtocol.allCases.map(\.rawValue).joined(separator: ", ")).")
  var `protocol`: String = StreamingProtocol.defaultList

  @Option(help: "ABRs, comma-separated: \(StudyABR.names.joined(separator: ", ")).")
  var abr: String = "throughput,bola,hesp"

  @OptionGroup var session: StudySessionArguments

  @Option(name: .shortAndLong, help: "Output directory (must not exist unless --force).")
  var output: String = "study-out"

  @Flag(help: "Replace OUT if hesp wrote it (it holds .hesp-output). Never replaces other folders, an input, a folder holding one, or the working directory or a parent of it.")
  var force = false

  @Flag(help: "Write an SVG timeline per session.")
  var timelines = false

  func run() throws {
    do {
      let protocols = try StreamingProtocol.parseList(self.protocol)
      let abrs = try StudyABR.parseList(abr)
      let options = try session.options()
      let inputs = traces + [package, baseline, input].compactMap { $0 }
      let folder = try OutputFolder(path: output, command: "study", inputs: inputs, force: force)
      folder.notes.forEach { Self.note("note: \($0)") }
      let interruption = Interruption.install(command: "study")
      defer { for source in interruption { source.cancel() } }
      let traceSet: TraceSet
      do { traceSet = try TraceSet.load(paths: traces, format: traceImport.format, options: traceImport.options) } catch {
        throw ProtocolInputError(error.description)
      }
      traceSet.notes.forEach(Self.note)
      let scratch = input == nil ? nil : try ScratchFolder(command: "study")
      let plan = try StudyPlan(
        title: "Switch latency study", packages: try packages(scratch: scratch), traces: traceSet.traces,
        protocols: protocols, abrs: abrs, options: options, writeTimelines: timelines)
      let outcome = try Study.run(plan, writingInto: folder.stagingURL, log: Self.note)
      try folder.commit()
      print(outcome.table)
      print("")
      outcome.notes.forEach { print($0) }
      print("report: \((output as NSString).appendingPathComponent("report.html"))")
    } catch {
      Interruption.waitIfRemoving()
      guard error is ProtocolInputError || error is OutputError || error is PackagingError else { throw error }
      FileHandle.standardError.write(Data("hesp study: error: \(error)\n".utf8))
      throw ExitCode(1)
    }
  }

  /// The given packages, or `--input` packaged into a scratch folder first (removed afterwards).
  func packages(scratch: ScratchFolder?) throws -> StudyPackages {
    if let package {
      guard input == nil else { throw ProtocolInputError("--input: give either --package or --input") }
      return try StudyPackages.load(package: package, baseline: baseline)
    }
    guard let input, let scratch else {
      throw ProtocolInputError("--package: give a package directory or --input VIDEO")
    }
    let made = try StudyPackaging.packageInput(
      input, duration: duration, ladder: ladder, hespGop: hespGop, segmentDuration: segmentDuration,
      baseline: baseline, workDirectory: scratch.url.path)
    return try StudyPackages.load(package: made.hesp, baseline: made.baseline)
  }

  static func note(_ line: String) { FileHandle.standardError.write(Data("hesp: \(line)\n".utf8)) }
}

/// Session options shared by `study` and `demo`.
struct StudySessionArguments: ParsableArguments {
  @Flag(help: "Live: frames exist only after their production time.")
  var live = false

  @Option(help: "Live: target latency in seconds.")
  var targetLatency: Double = 1

  @Option(help: "Live: playback rate while above the target latency and at least min(0.5 s, target/2) is buffered.")
  var catchup: Double = ProtocolOptions.defaultCatchupRate

  @Flag(help: "Live: HESP joins at the latest init packet (now) instead of now minus the target latency.")
  var joinLiveEdge = false

  @Option(help: "LL-HLS part duration in seconds.")
  var partDuration: Double = 0.5

  @Option(help: "ABR evaluation interval in seconds (HESP decision blocks; probes for all).")
  var decisionInterval: Double = 0.5

  @Option(help: "Which switches replace buffered media, for every protocol: none, up (dash.js fastSwitchEnabled) or all.")
  var replace: String = ReplacementPolicy.up.rawValue

  @Flag(help: "Shorthand for --replace up (dash.js fastSwitchEnabled).")
  var fastSwitch = false

  @Flag(help: "Shorthand for --replace none.")
  var noReplace = false

  @Flag(help: "Live: no playback-rate catch-up.")
  var noCatchup = false

  @Flag(help: "HESP: the player knows continuation offsets in advance (a published offset index) and requests the init packet and the continuation at once.")
  var hespOffsetIndex = false

  @Option(help: "Seconds of media after the first frame or a switch within which a freeze belongs to the startup or the switch.")
  var settleWindow: Double = 0.5

  @Option(help: "VoD buffer capacity in seconds.")
  var bufferSize: Double = 25

  @Option(help: "Content length in seconds (the packaged clip is looped).")
  var contentDuration: Double = 60

  func options() throws(ProtocolInputError) -> ProtocolOptions {
    var options = ProtocolOptions()
    options.live = live
    options.targetLatencyMs = targetLatency * 1000
    options.catchupRate = noCatchup ? nil : catchup
    options.hespJoinsAtLiveEdge = joinLiveEdge
    options.partDurationMs = partDuration * 1000
    options.decisionIntervalMs = decisionInterval * 1000
    var policy = try ReplacementPolicy.parse(replace)
    if fastSwitch { policy = .up }
    if noReplace { policy = .none }
    guard !(fastSwitch && noReplace) else { throw ProtocolInputError("--fast-switch and --no-replace contradict each other") }
    options.replacement = policy
    options.hespKnowsContinuationOffsets = hespOffsetIndex
    options.settleWindowMs = settleWindow * 1000
    options.bufferSizeMs = bufferSize * 1000
    guard contentDuration.isFinite, contentDuration > 0 else {
      throw ProtocolInputError("--content-duration: must be positive, got \(contentDuration)")
    }
    options.contentDurationMs = contentDuration * 1000
    return options
  }
}
