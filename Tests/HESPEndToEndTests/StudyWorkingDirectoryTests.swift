import Foundation
import HESPTestSupport
import Testing

/// A study's files depend only on what was typed: run from two working directories with the
/// same relative paths, `hesp study` writes byte-identical files (issue 11).
@Suite struct StudyWorkingDirectoryTests {
  static let arguments = [
    "study", "--package", "Fixtures/Study/hesp", "--trace", "Fixtures/Sabre/4Glogs", "--protocol",
    "hesp,dash",
    "--abr", "throughput", "--content-duration", "5", "--live", "--timelines",
  ]

  /// Copies `relativePath` of the repository into `root`, at the same relative path.
  func copy(_ relativePath: String, into root: URL) throws {
    let target = root.appendingPathComponent(relativePath)
    try FileManager.default.createDirectory(
      at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: Repository.root.appendingPathComponent(relativePath), to: target)
  }

  func files(in directory: URL) throws -> [String: Data] {
    var result: [String: Data] = [:]
    let enumerator = FileManager.default.enumerator(atPath: directory.path)
    while let relative = enumerator?.nextObject() as? String {
      var isDirectory: ObjCBool = false
      let url = directory.appendingPathComponent(relative)
      if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
        !isDirectory.boolValue
      {
        result[relative] = try Data(contentsOf: url)
      }
    }
    return result
  }

  @Test func theSameStudyFromAnotherWorkingDirectoryWritesIdenticalFiles() throws {
    let scratch = try TemporaryDirectory(prefix: "study-cwd")
    let elsewhere = scratch.file("elsewhere")
    try copy("Fixtures/Study", into: elsewhere)
    try copy("Fixtures/Sabre/4Glogs", into: elsewhere)
    let first = try Command.hesp().run(
      Self.arguments + ["-o", scratch.file("a").path], in: Repository.root)
    #expect(first.status == 0, "\(first.standardError)")
    let second = try Command.hesp().run(Self.arguments + ["-o", "b"], in: elsewhere)
    #expect(second.status == 0, "\(second.standardError)")
    let a = try files(in: scratch.file("a"))
    let b = try files(in: elsewhere.appendingPathComponent("b"))
    #expect(a.count > 6 && a.keys.sorted() == b.keys.sorted())
    for (name, data) in a { #expect(data == b[name], "\(name) differs") }
    #expect(
      a.keys.contains(
        "timelines/000-Fixtures_Sabre_4Glogs_report_bus_0001.json-hesp-throughput.svg"))
    let summary = String(decoding: a["summary.json"] ?? Data(), as: UTF8.self)
    #expect(summary.contains("\"Fixtures/Sabre/4Glogs/report_car_0001.json\""))
  }
}
