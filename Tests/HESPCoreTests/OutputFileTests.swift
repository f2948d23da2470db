import Foundation
import HESPCore
import HESPTestSupport
import Testing

/// The single output file (`trace convert -o FILE`): never an input, written through a
/// temporary file, never replacing what appeared meanwhile without --force.
@Suite struct OutputFileTests {
  @Test func theFileIsWrittenThroughATemporaryFileThatIsGoneAfterwards() throws {
    let scratch = try TemporaryDirectory(prefix: "file")
    let out = scratch.file("trace.json")
    try OutputFile(path: out.path, inputs: [], force: false).write(Data("new".utf8))
    #expect(try String(contentsOf: out, encoding: .utf8) == "new")
    #expect(scratch.entries() == ["trace.json"])
  }

  @Test func anExistingFileIsRefusedWithoutForceAndReplacedWithIt() throws {
    let scratch = try TemporaryDirectory(prefix: "file")
    let out = scratch.file("trace.json")
    try Data("old".utf8).write(to: out)
    #expect(throws: OutputError.exists(path: out.path, madeByHESP: true)) {
      try OutputFile(path: out.path, inputs: [], force: false)
    }
    #expect(try String(contentsOf: out, encoding: .utf8) == "old")
    try OutputFile(path: out.path, inputs: [], force: true).write(Data("new".utf8))
    #expect(try String(contentsOf: out, encoding: .utf8) == "new")
    #expect(scratch.entries() == ["trace.json"])
  }

  @Test func theInputIsRefusedEvenWithForce() throws {
    let scratch = try TemporaryDirectory(prefix: "file")
    let input = scratch.file("in.log")
    try Data("trace".utf8).write(to: input)
    for force in [false, true] {
      #expect(throws: OutputError.isAnInput(path: input.path)) {
        try OutputFile(path: input.path, inputs: [input.path], force: force)
      }
    }
    #expect(try String(contentsOf: input, encoding: .utf8) == "trace")
  }

  @Test func aFolderAtThePathIsRefused() throws {
    let scratch = try TemporaryDirectory(prefix: "file")
    let folder = scratch.file("folder")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
    #expect(throws: OutputError.wrongKind(path: folder.path, expected: "file")) {
      try OutputFile(path: folder.path, inputs: [], force: true)
    }
  }

  @Test func aFileThatAppearsWhileWritingIsLeftIntact() throws {
    let scratch = try TemporaryDirectory(prefix: "file")
    let out = scratch.file("trace.json")
    let target = try OutputFile(path: out.path, inputs: [], force: false)
    try Data("theirs".utf8).write(to: out)
    #expect(throws: OutputError.appearedMeanwhile(path: out.path)) {
      try target.write(Data("mine".utf8))
    }
    #expect(try String(contentsOf: out, encoding: .utf8) == "theirs")
    #expect(scratch.entries() == ["trace.json"])
  }

  @Test func aStaleTemporaryFileIsNamedThenRemovedWithForce() throws {
    let scratch = try TemporaryDirectory(prefix: "file")
    let out = scratch.file("trace.json")
    try Data("half".utf8).write(to: scratch.file("trace.json.partial-999999999-ab"))
    let named = try OutputFile(path: out.path, inputs: [], force: false)
    #expect(named.notes.count == 1 && named.notes[0].hasSuffix("--force removes it"))
    let removed = try OutputFile(path: out.path, inputs: [], force: true)
    #expect(removed.notes.count == 1 && removed.notes[0].hasSuffix("; removed"))
    #expect(scratch.entries().isEmpty)
  }
}
