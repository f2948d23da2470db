import ArgumentParser
import Foundation
import HESPCore
import HESPProtocols

/// `hesp demo`: the study on bundled defaults (the fixture clip, a handful of bundled traces).
struct DemoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract: "Run the switch-latency study on bundled defaults and write the report.",
    discussion: """
      Packages Fixtures/Media/flower-320x180-1s.mp4 (3 rungs: 180p@600k, 144p@300k, 108p@150k, \
      1 s segments) into a temporary directory, replays the bundled traces (Fixtures/Sabre/4Glogs, \
      Fixtures/Sabre/3Glogs, Fixtures/Traces/Verizon-LTE-short-2s.down) with hesp, dash and ll-hls \
      and the throughput, bola and hesp ABRs, VoD and live (1 s target latency), prints both \
      comparison tables and writes OUT/vod and OUT/live (report.html, CSV, JSON, SVG). Run it from \
      the repository root (or pass --fixtures).
      """)

  @Option(help: "The repository's Fixtures folder.")
  var fixtures: String = "Fixtures"

  @Option(name: .shortAndLong, help: "Output directory (must not exist unless --force).")
  var output: String = "demo-out"

  @Flag(help: "Replace the output directory if it exists.")
  var force = false

  @Flag(help: "Write an SVG timeline per session.")
  var timelines = false

  static let ladder = "180p@600k,144p@300k,108p@150k"

  func run() throws {
    do {
      if FileManager.default.fileExists(atPath: output) && !force {
        throw ProtocolInputError("\(output): already exists (use --force to replace it)")
      }
      let clip = (fixtures as NSString).appendingPathComponent("Media/flower-320x180-1s.mp4")
      guard FileManager.default.fileExists(atPath: clip) else {
        throw ProtocolInputError("\(clip): not found (run from the repository root or pass --fixtures)")
      }
      let work = (NSTemporaryDirectory() as NSString).appendingPathComponent("hesp-demo-\(getpid())")
      defer { try? FileManager.default.removeItem(atPath: work) }
      let packagePath = (work as NSString).appendingPathComponent("hesp")
      try StudyPackages.packageIfNeeded(
        input: clip, output: packagePath, gop: 1, segment: 1, ladder: try HESPCore.Ladder(parsing: Self.ladder),
        duration: nil)
      var packages = StudyPackages(
        hesp: try PackageIndexLoader.load(packageDirectory: packagePath), hespPath: "\(clip) (packaged)")
      packages.baseline = nil
      let traces = try StudyTraceLoader.load(
        paths: ["Sabre/4Glogs", "Sabre/3Glogs", "Traces/Verizon-LTE-short-2s.down"].map {
          (fixtures as NSString).appendingPathComponent($0)
        }, options: .init(), format: nil)
      try? FileManager.default.removeItem(atPath: output + ".partial-\(getpid())")
      let staging = output + ".partial-\(getpid())"
      for live in [false, true] {
        var options = ProtocolOptions()
        options.live = live
        options.targetLatencyMs = 1_000
        options.contentDurationMs = 60_000
        let mode = live ? "live" : "vod"
        print("== \(live ? "Live, 1 s target latency" : "VoD, 25 s buffer") ==")
        let plan = try StudyRunner.plan(
          title: "hesp demo: switch latency, \(live ? "live (1 s target latency)" : "VoD")", packages: packages,
          traces: traces, protocols: StreamingProtocol.allCases.reversed(),
          abrs: [.classic(.throughput), .classic(.bola), .instantSwitch], options: options,
          output: (staging as NSString).appendingPathComponent(mode), force: true, timelines: timelines)
        try StudyRunner.run(plan, reportPath: nil)
        print("")
      }
      try? FileManager.default.removeItem(atPath: output)
      do { try FileManager.default.moveItem(atPath: staging, toPath: output) } catch {
        throw ProtocolInputError("\(output): cannot move the output in place")
      }
      print("reports: \(output)/vod/report.html, \(output)/live/report.html")
    } catch let error as ProtocolInputError {
      FileHandle.standardError.write(Data("hesp demo: error: \(error.description)\n".utf8))
      throw ExitCode(1)
    }
  }
}
