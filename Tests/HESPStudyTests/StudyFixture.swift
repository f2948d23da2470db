import Foundation
import HESPABR
import HESPProtocols
import HESPStudy
import HESPTestSupport
import HESPTraces

/// The small study the goldens record: the clip's packages in `Fixtures/Study`, the two traces
/// of `Fixtures/Sabre/4Glogs` (fast), the 3G log and Sabre's `network.json` (1.5-5 Mbit/s),
/// every protocol, two ABRs, 10 s of content.
enum StudyFixture {
  static let package = Repository.fixture("Study/hesp").path
  static let traceFolder = Repository.fixture("Sabre/4Glogs").path
  static let tracePaths = [
    traceFolder, Repository.fixture("Sabre/3Glogs").path,
    Repository.fixture("Traces/network.json").path,
  ]
  static let protocols = StreamingProtocol.allCases
  static let abrs: [StudyABR] = [.classic(.throughput), .classic(.bola)]
  static let sessionCount = 4 * protocols.count * abrs.count
  /// The files compared with `Fixtures/Golden/study/<vod|live>/`.
  static let goldenFiles = ["table.txt", "summary.json", "sessions.csv", "switches.csv"]

  static func options(live: Bool) -> ProtocolOptions {
    var options = ProtocolOptions()
    options.live = live
    options.targetLatencyMs = 1_000
    options.contentDurationMs = 10_000
    return options
  }

  static func plan(live: Bool, timelines: Bool = false) throws -> StudyPlan {
    let traces = try TraceSet.load(paths: tracePaths).traces
    return try StudyPlan(
      title: "Study fixture, \(live ? "live" : "VoD")",
      packages: try StudyPackages.load(package: package),
      traces: traces, protocols: protocols, abrs: abrs, options: options(live: live),
      writeTimelines: timelines)
  }

  /// Runs the study into `scratch/name` and returns that directory.
  static func run(
    live: Bool, in scratch: TemporaryDirectory, name: String = "out", timelines: Bool = false
  ) async throws -> URL {
    let output = scratch.file(name)
    _ = try await Study.run(try plan(live: live, timelines: timelines), writingInto: output)
    return output
  }

  /// Every regular file under `directory`, by path inside it, sorted.
  static func files(in directory: URL) throws -> [String: Data] {
    var result: [String: Data] = [:]
    let enumerator = FileManager.default.enumerator(atPath: directory.path)
    while let relative = enumerator?.nextObject() as? String {
      let url = directory.appendingPathComponent(relative)
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
        !isDirectory.boolValue
      {
        result[relative] = try Data(contentsOf: url)
      }
    }
    return result
  }
}
