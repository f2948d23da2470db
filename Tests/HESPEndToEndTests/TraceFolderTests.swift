import Foundation
import HESPTestSupport
import Testing

/// A folder of traces behaves the same in `simulate` and `study` (issue 12): documentation and
/// uplink traces skipped with a note, subfolders read and said so, the count printed.
@Suite struct TraceFolderTests {
  /// `traces/` with a downlink, a README, a LICENSE, a script, an uplink and a subfolder.
  func makeFolder(in scratch: TemporaryDirectory) throws -> URL {
    let folder = scratch.file("traces")
    let sub = folder.appendingPathComponent("more")
    try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
    let trace = Repository.fixture("Traces/Verizon-LTE-short-2s.down")
    try FileManager.default.copyItem(at: trace, to: folder.appendingPathComponent("a.down"))
    try FileManager.default.copyItem(at: trace, to: folder.appendingPathComponent("a.up"))
    try FileManager.default.copyItem(at: trace, to: sub.appendingPathComponent("b.down"))
    for name in ["README", "LICENSE", "convert.py", "notes.md"] {
      try Data("not a trace\n".utf8).write(to: folder.appendingPathComponent(name))
    }
    return folder
  }

  static let expectedNotes = [
    "hesp: traces: skipped 4 non-trace files: LICENSE, README, convert.py, notes.md",
    "hesp: traces: skipped 1 uplink trace (give the file itself to replay it as a downlink): a.up",
    "hesp: traces: 2 traces, subfolders read recursively: more",
    "hesp: 2 traces found",
  ]

  @Test func simulateAndStudyReadAFolderOfTracesAlikeAndSaySo() throws {
    let scratch = try TemporaryDirectory(prefix: "trace-folder")
    _ = try makeFolder(in: scratch)
    let simulate = try Command.hesp().run(
      [
        "simulate", Repository.fixture("Study/hesp").path, "--trace", "traces", "--abr",
        "throughput",
        "--csv", "sessions.csv",
      ], in: scratch.url)
    #expect(simulate.status == 0, "\(simulate.standardError)")
    let study = try Command.hesp().run(
      [
        "study", "--package", Repository.fixture("Study/hesp").path, "--trace", "traces",
        "--protocol", "hesp",
        "--abr", "throughput", "--content-duration", "2", "-o", "out",
      ], in: scratch.url)
    #expect(study.status == 0, "\(study.standardError)")
    for output in [simulate, study] {
      let notes = output.standardError.split(separator: "\n").map(String.init).filter {
        !$0.contains("sessions")
      }
      #expect(notes == Self.expectedNotes)
    }
    let csv = try String(contentsOf: scratch.file("sessions.csv"), encoding: .utf8)
    #expect(
      csv.contains("\ntraces/a.down,throughput,")
        && csv.contains("\ntraces/more/b.down,throughput,"))
  }

  @Test func aFolderTypedAsAnAbsolutePathNamesItsTracesByTheFolderName() throws {
    let scratch = try TemporaryDirectory(prefix: "trace-folder")
    let folder = try makeFolder(in: scratch)
    let output = try Command.hesp().run(
      [
        "simulate", Repository.fixture("Study/hesp").path, "--trace", folder.path, "--abr",
        "throughput",
        "--csv", scratch.file("sessions.csv").path,
      ])
    #expect(output.status == 0, "\(output.standardError)")
    let csv = try String(contentsOf: scratch.file("sessions.csv"), encoding: .utf8)
    #expect(csv.contains("\ntraces/a.down,") && csv.contains("\ntraces/more/b.down,"))
    #expect(!csv.contains(scratch.url.path))
  }
}
