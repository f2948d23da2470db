import ArgumentParser
import Foundation
import HESPCommandLine
import HESPCore
import HESPPackager
import HESPProtocols
import HESPStudy
import HESPTraces

/// `demo-out`.
enum DemoOutputDefault: OutputFolderDefault {
  static let path = "demo-out"
}

/// `hesp demo`: the study on bundled defaults (the fixture clip, a handful of bundled traces).
struct DemoCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract: MediaCommandAbstract.demoCommand,
    discussion: """
      Packages Fixtures/Media/bbb-320x180-6s.mp4 twice into a temporary directory (3 rungs: \
      180p@1600k, 144p@800k, 108p@300k; 2 s segments): a HESP package (continuation GOP 6 s, an init \
      packet per frame) and a baseline (GOP = segment) for ll-dash, ll-hls and dash. Replays the \
      bundled traces (Fixtures/Sabre/4Glogs, Fixtures/Sabre/3Glogs, Fixtures/Traces/network.json, \
      Fixtures/Traces/B_2020.02.27_17.30.15-excerpt.csv) with every protocol and the throughput, bola and \
      hesp ABRs (the same ABR for every protocol), VoD and live (1 s target latency); prints the \
      tables and the headline (switch latency to continuous playback with its 95% CI, up and down) \
      and writes OUT/vod and OUT/live (report.html, CSV, JSON, SVG). The bundled files are found \
      from any working directory: ./Fixtures, else a Fixtures folder next to the executable or \
      above it (the repository of a SwiftPM build), else share/hesp/Fixtures beside its bin \
      folder; --fixtures names another.
      """)

  @Option(help: "The repository's Fixtures folder (default: found, see above).")
  var fixtures: String?

  @OptionGroup var out: OutputArguments<DemoOutputDefault>

  @Flag(help: "Write an SVG timeline per session.")
  var timelines = false

  func run() async throws {
    let fixtures = try Self.fixturesFolder(given: fixtures)
    let runs = try await out.write(command: "demo", inputs: [fixtures]) { staging in
      let clip = (fixtures as NSString).appendingPathComponent(StudyDemo.clip)
      let scratch = try ScratchFolder(command: "demo")
      let made = try StudyPackaging().packageInput(
        clip, duration: nil, ladder: StudyDemo.ladder, hespGop: StudyDemo.hespGopSeconds,
        segmentDuration: StudyDemo.segmentSeconds, baseline: nil, workDirectory: scratch.url.path)
      let name = TraceNaming.displayName(ofTyped: clip)
      let packages = StudyPackages(
        hesp: try StudyPackage.load(directory: made.hesp, name: "\(name) (HESP)"),
        baseline: try StudyPackage.load(directory: made.baseline, name: "\(name) (baseline)"))
      return try await StudyDemo.run(
        packages: packages, fixtures: fixtures, writingInto: staging, timelines: timelines,
        log: Notes.write)
    }
    for run in runs {
      print("== \(run.heading) ==")
      print(run.outcome.table)
      print("")
      run.outcome.notes.forEach { print($0) }
      print("")
    }
    let reports = [false, true].map {
      (out.path(of: StudyDemo.subfolder(live: $0)) as NSString).appendingPathComponent(
        "report.html")
    }
    print("reports: " + reports.joined(separator: ", "))
  }

  /// The Fixtures folder holding the demo's clip: `given` (which must hold it), else
  /// `./Fixtures`, else `Fixtures` next to the executable or in a folder above it (a SwiftPM
  /// build in `.build/<triple>/<config>/hesp` finds the repository's), else
  /// `<prefix>/share/hesp/Fixtures` for an installed `<prefix>/bin/hesp`. Relative to the
  /// working directory when found there, so trace names stay as typed.
  static func fixturesFolder(given: String?) throws -> String {
    func holdsClip(_ folder: String) -> Bool {
      FileManager.default.fileExists(
        atPath: (folder as NSString).appendingPathComponent(StudyDemo.clip))
    }
    if let given {
      guard holdsClip(given) else {
        throw CommandFailure(
          "--fixtures \(given): \((given as NSString).appendingPathComponent(StudyDemo.clip)) not found",
          exitStatus: ExitStatus.failure)
      }
      return given
    }
    if holdsClip("Fixtures") { return "Fixtures" }
    var candidates: [String] = []
    if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
      var folder = executable.deletingLastPathComponent()
      candidates.append(
        folder.deletingLastPathComponent().appendingPathComponent("share/hesp/Fixtures").path)
      for _ in 0..<6 {
        candidates.append(folder.appendingPathComponent("Fixtures").path)
        folder.deleteLastPathComponent()
      }
    }
    if let found = candidates.first(where: holdsClip) { return found }
    throw ProtocolInputError(
      "\(StudyDemo.clip): not found in ./Fixtures nor next to or above the hesp executable (pass --fixtures)"
    )
  }
}
