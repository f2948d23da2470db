import Foundation
import Testing

@testable import HESPTraces

/// One loader of trace files and folders for every command (`TraceSet`).
@Suite struct TraceSetTests {
  /// A scratch folder removed at the end of the test.
  final class Scratch {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "hesp-traceset-\(UUID().uuidString)")
    init() throws {
      try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    func put(_ relativePath: String, _ text: String) throws {
      let file = url.appendingPathComponent(relativePath)
      try FileManager.default.createDirectory(
        at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: file)
    }
  }

  static let sabre = #"[{"duration_ms": 1000, "bandwidth_kbps": 2000, "latency_ms": 20}]"#

  @Test func aFolderIsReadRecursivelyInByteOrderAndNamedByItsLastComponentWhenAbsolute() throws {
    let scratch = try Scratch()
    for name in ["b.json", "a/z.json", "a/b/c.json", "B.json", "a-1.json"] {
      try scratch.put("t/" + name, Self.sabre)
    }
    let set = try TraceSet.load(paths: [scratch.url.appendingPathComponent("t").path])
    #expect(
      set.traces.map(\.name) == [
        "t/B.json", "t/a-1.json", "t/a/b/c.json", "t/a/z.json", "t/b.json",
      ])
    #expect(set.traces.first?.path == scratch.url.appendingPathComponent("t/B.json").path)
    #expect(set.notes == ["t: 5 traces, subfolders read recursively: a, a/b", "5 traces found"])
  }

  @Test func documentationAndUplinkTracesInAFolderAreSkippedWithANote() throws {
    let scratch = try Scratch()
    try scratch.put("t/x.json", Self.sabre)
    try scratch.put("t/x.up", "0\n1\n")
    for name in ["README", "LICENSE.txt", "notes.md", "plot.py", ".hidden"] {
      try scratch.put("t/" + name, "text\n")
    }
    let set = try TraceSet.load(paths: [scratch.url.appendingPathComponent("t").path])
    #expect(set.traces.map(\.name) == ["t/x.json"])
    #expect(
      set.notes == [
        "t: skipped 4 non-trace files: LICENSE.txt, README, notes.md, plot.py",
        "t: skipped 1 uplink trace (give the file itself to replay it as a downlink): x.up",
        "t: 1 trace", "1 trace found",
      ])
  }

  @Test func anUplinkTraceGivenByNameIsRead() throws {
    let scratch = try Scratch()
    try scratch.put("link.up", "0\n5\n10\n")
    let set = try TraceSet.load(paths: [scratch.url.appendingPathComponent("link.up").path])
    #expect(set.traces.map(\.name) == ["link.up"])
  }

  @Test func twoFilesWithTheSameNameGetDistinctNames() throws {
    let scratch = try Scratch()
    try scratch.put("a/t.json", Self.sabre)
    try scratch.put("b/t.json", Self.sabre)
    let set = try TraceSet.load(
      paths: ["a/t.json", "b/t.json"].map { scratch.url.appendingPathComponent($0).path })
    #expect(set.traces.map(\.name) == ["t.json", "t.json#2"])
  }

  @Test func aFolderWithoutTracesAndAMissingPathAreErrors() throws {
    let scratch = try Scratch()
    try scratch.put("docs/README.md", "text\n")
    let docs = scratch.url.appendingPathComponent("docs").path
    #expect(throws: TraceError(source: docs, reason: "folder has no trace files")) {
      try TraceSet.load(paths: [docs])
    }
    let missing = scratch.url.appendingPathComponent("missing").path
    #expect(throws: TraceError(source: missing, reason: "no such file or folder")) {
      try TraceSet.load(paths: [missing])
    }
  }

  @Test func aMalformedTraceInAFolderIsNamedByTheFolderPathAsGiven() throws {
    let scratch = try Scratch()
    try scratch.put("t/bad.json", #"{"not": "periods"}"#)
    let folder = scratch.url.appendingPathComponent("t").path + "/"
    do {
      _ = try TraceSet.load(paths: [folder])
      Issue.record("no error")
    } catch {
      #expect(error.source == folder + "bad.json")
    }
  }

  @Test func typedPathsAreNamedAsTypedAndAbsolutePathsByTheirLastComponent() {
    #expect(TraceNaming.displayName(ofTyped: "Fixtures/Sabre/4Glogs/") == "Fixtures/Sabre/4Glogs")
    #expect(TraceNaming.displayName(ofTyped: "./a.json") == "a.json")
    #expect(TraceNaming.displayName(ofTyped: "../shared/traces") == "../shared/traces")
    #expect(TraceNaming.displayName(ofTyped: "/data/traces/4Glogs") == "4Glogs")
    #expect(
      TraceNaming.displayName(ofFile: "x/y.json", inTyped: "/data/traces") == "traces/x/y.json")
    #expect(TraceNaming.displayName(ofFile: "y.json", inTyped: ".") == "y.json")
  }
}
