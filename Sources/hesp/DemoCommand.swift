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
      let packagePath = (work as NSString).appendingPathComponent("hesp")
      try StudyPackaging.packageIfNeeded(
        input: clip, output: packagePath, gop: StudyDemo.gopSeconds, segment: StudyDemo.segmentSeconds,
        ladder: try HESPCore.Ladder(parsing: StudyDemo.ladder), duration: nil)
      let package = try StudyPackage.load(directory: packagePath, name: "\(TraceNaming.displayName(ofTyped: clip)) (packaged)")
      let runs = try StudyDemo.run(
        package: package, fixtures: fixtures, output: output, force: force, timelines: timelines, log: StudyCommand.note)
      for run in runs {
        print("== \(run.heading) ==")
        print(run.outcome.table)
        run.outcome.sizeNotes.forEach { print($0) }
        print("")
      }
      print("reports: " + runs.map(\.outcome.reportPath).joined(separator: ", "))
    } catch let error as ProtocolInputError {
      FileHandle.standardError.write(Data("hesp demo: error: \(error.description)\n".utf8))
      throw ExitCode(1)
    }
  }
}
