import ArgumentParser
import Foundation
import HESPCore
import HESPProtocols
import HESPStudy
import HESPTraces

/// `hesp demo`: the study on bundled defaults (the fixture clip, a handful of bundled traces).
struct DemoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract: "Run the switch-latency study on bundled defaults and write the report.",
    discussion: """
      Packages Fixtures/Media/bbb-320x180-6s.mp4 twice into a temporary directory (3 rungs: \
      180p@1600k, 144p@800k, 108p@300k; 2 s segments): a HESP package (continuation GOP 6 s, an init \
      packet per frame) and a baseline (GOP = segment) for ll-dash, ll-hls and dash. Replays the \
      bundled traces (Fixtures/Sabre/4Glogs, Fixtures/Sabre/3Glogs, Fixtures/Traces/network.json, \
      Fixtures/Traces/B_2020.02.27_17.30.15-excerpt.csv) with every protocol and the throughput, bola and \
      hesp ABRs (the same ABR for every protocol), VoD and live (1 s target latency); prints the \
      tables and the headline (switch latency to continuous playback with its 95% CI, up and down) \
      and writes OUT/vod and OUT/live (report.html, CSV, JSON, SVG). Run it from the repository root \
      (or pass --fixtures).
      """)

  @Option(help: "The repository's Fixtures folder.")
  var fixtures: String = "Fixtures"

  @Option(name: .shortAndLong, help: "Output directory (must not exist unless --force).")
  var output: String = "demo-out"

  @Flag(help: "Replace the output directory if it exists.")
  var force = false

  @Flag(help: "Write an SVG timeline per session.")
  var timelines = false

  func run() throws {
    do {
      if FileManager.default.fileExists(atPath: output) && !force {
        throw ProtocolInputError("\(output): already exists (use --force to replace it)")
      }
      let clip = (fixtures as NSString).appendingPathComponent(StudyDemo.clip)
      guard FileManager.default.fileExists(atPath: clip) else {
        throw ProtocolInputError("\(clip): not found (run from the repository root or pass --fixtures)")
      }
      let work = (NSTemporaryDirectory() as NSString).appendingPathComponent("hesp-demo-\(getpid())")
      defer { try? FileManager.default.removeItem(atPath: work) }
      let made = try StudyPackaging.packageInput(
        clip, duration: nil, ladder: StudyDemo.ladder, hespGop: StudyDemo.hespGopSeconds,
        segmentDuration: StudyDemo.segmentSeconds, baseline: nil, workDirectory: work)
      let name = TraceNaming.displayName(ofTyped: clip)
      let packages = StudyPackages(
        hesp: try StudyPackage.load(directory: made.hesp, name: "\(name) (HESP)"),
        baseline: try StudyPackage.load(directory: made.baseline, name: "\(name) (baseline)"))
      let runs = try StudyDemo.run(
        packages: packages, fixtures: fixtures, output: output, force: force, timelines: timelines,
        log: StudyCommand.note)
      for run in runs {
        print("== \(run.heading) ==")
        print(run.outcome.table)
        print("")
        run.outcome.notes.forEach { print($0) }
        print("")
      }
      print("reports: " + runs.map(\.outcome.reportPath).joined(separator: ", "))
    } catch let error as ProtocolInputError {
      FileHandle.standardError.write(Data("hesp demo: error: \(error.description)\n".utf8))
      throw ExitCode(1)
    }
  }
}
