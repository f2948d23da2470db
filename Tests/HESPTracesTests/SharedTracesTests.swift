import Foundation
import Testing

@testable import HESPTraces

/// Opt-in checks on the full shared traces: set `HESP_SHARED` to the `shared` folder
/// (e.g. `HESP_SHARED=../shared swift test --filter SharedTraces`).
@Suite struct SharedTracesTests {
  static let shared = ProcessInfo.processInfo.environment["HESP_SHARED"]

  @Test(.enabled(if: shared != nil, "set HESP_SHARED to run"))
  func tMobileLTEShortAtOneSecondBinsHas140PeriodsOf16_70MbpsOnAverage() throws {
    let url = URL(fileURLWithPath: Self.shared ?? "").appendingPathComponent(
      "traces/mahimahi/TMobile-LTE-short.down")
    let trace = try NetworkTrace.load(from: url, options: .init(mahimahiBinMs: 1000))
    let stats = TraceStatistics(trace)
    #expect(stats.periodCount == 140)
    #expect(String(format: "%.2f", stats.meanKbps / 1000) == "16.70")
  }

  @Test(.enabled(if: shared != nil, "set HESP_SHARED to run"))
  func everySharedTraceFileImports() throws {
    let root = URL(fileURLWithPath: Self.shared ?? "").appendingPathComponent("traces")
    let files = try FileManager.default.subpathsOfDirectory(atPath: root.path).filter {
      !$0.contains("video_sizes") && !$0.hasSuffix("README") && !$0.hasSuffix(".md")
        && !$0.hasSuffix("movie.json") && !$0.hasSuffix("bbb4k.json")
    }
    var imported = 0
    for file in files.sorted() {
      var isDirectory: ObjCBool = false
      let url = root.appendingPathComponent(file)
      guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
        !isDirectory.boolValue
      else { continue }
      #expect(try NetworkTrace.load(from: url).periods.isEmpty == false, "\(file)")
      imported += 1
    }
    #expect(imported == 35)
  }
}
