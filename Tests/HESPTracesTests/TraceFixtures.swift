import Foundation
import HESPTestSupport

/// Paths of the small trace fixtures under the repository's `Fixtures/Traces/`.
enum TraceFixtures {
  static let directory = Repository.fixture("Traces")

  static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

  static let norwayPensieve = url("metro.kalbakken-jernbanetorget-report.2010-09-13_1003CEST.log")
  static let norwaySabre = url("report.2010-09-13_1003CEST.json")
  static let mahimahi = url("Verizon-LTE-short-2s.down")
  static let fiveG = url("B_2020.02.27_17.30.15-excerpt.csv")
  static let sabreExample = url("network.json")
}

/// Runs `body` and returns the `TraceError` it throws (nil when it throws none).
func traceError(_ body: () throws -> Void) -> TraceErrorBox? {
  do {
    try body()
    return nil
  } catch {
    return TraceErrorBox(error: error)
  }
}

struct TraceErrorBox {
  var error: any Error
  var text: String { String(describing: error) }
}
