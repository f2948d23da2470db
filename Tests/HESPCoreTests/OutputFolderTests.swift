import Foundation
import HESPCore
import HESPTestSupport
import Testing

/// The staged, marked, never-replacing output folder of every command that writes one.
@Suite struct OutputFolderTests {
  static func folder(_ path: URL, force: Bool = false, inputs: [String] = []) throws
    -> OutputFolder
  {
    try OutputFolder(path: path.path, command: "test", inputs: inputs, force: force)
  }

  static func makeFolder(_ url: URL, marked: Bool, file: String = "mine.txt") throws {
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    try Data("keep".utf8).write(to: url.appendingPathComponent(file))
    if marked { try OutputMarker.write(command: "test", in: url) }
  }

  static func contents(_ url: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
  }

  @Test func theOutputAppearsOnlyOnCommitAndCarriesTheMarker() throws {
    let scratch = try TemporaryDirectory(prefix: "folder")
    let out = scratch.file("out")
    let folder = try Self.folder(out)
    try folder.makeDirectory("video/180p")
    try folder.write(Data("{}".utf8), to: "video/180p/a.json")
    #expect(!FileManager.default.fileExists(atPath: out.path))
    #expect(folder.stagingURL.lastPathComponent.hasPrefix("out.partial-\(getpid())-"))
    try folder.commit()
    #expect(scratch.entries() == ["out"])
    #expect(Self.contents(out) == [".hesp-output", "video"])
    #expect(OutputMarker.command(in: out) == "test")
  }

  @Test func anExistingOutputIsRefusedWithoutForceAndLeftUntouched() throws {
    let scratch = try TemporaryDirectory(prefix: "folder")
    let made = scratch.file("made")
    let photos = scratch.file("photos")
    try Self.makeFolder(made, marked: true)
    try Self.makeFolder(photos, marked: false)
    #expect(throws: OutputError.exists(path: made.path, madeByHESP: true)) { try Self.folder(made) }
    #expect(throws: OutputError.exists(path: photos.path, madeByHESP: false)) {
      try Self.folder(photos)
    }
    #expect(scratch.entries().sorted() == ["made", "photos"])
    #expect(Self.contents(photos) == ["mine.txt"])
  }

  @Test func forceRefusesAFolderHespDidNotWriteAndAFile() throws {
    let scratch = try TemporaryDirectory(prefix: "folder")
    let photos = scratch.file("photos")
    try Self.makeFolder(photos, marked: false)
    let file = scratch.file("file")
    try Data("x".utf8).write(to: file)
    #expect(throws: OutputError.notMadeByHESP(path: photos.path)) {
      try Self.folder(photos, force: true)
    }
    #expect(throws: OutputError.wrongKind(path: file.path, expected: "folder")) {
      try Self.folder(file, force: true)
    }
    #expect(scratch.entries().sorted() == ["file", "photos"])
    #expect(Self.contents(photos) == ["mine.txt"])
  }

  @Test func forceReplacesAnOutputHespWroteAndLeavesNoOldCopy() throws {
    let scratch = try TemporaryDirectory(prefix: "folder")
    let out = scratch.file("out")
    try Self.makeFolder(out, marked: true, file: "old.txt")
    let folder = try Self.folder(out, force: true)
    try folder.write(Data("new".utf8), to: "new.txt")
    #expect(Self.contents(out) == [".hesp-output", "old.txt"])
    try folder.commit()
    #expect(Self.contents(out) == [".hesp-output", "new.txt"])
    #expect(scratch.entries() == ["out"])
  }

  @Test func aFolderThatAppearsWhileWritingFailsTheCommitAndIsLeftIntact() throws {
    let scratch = try TemporaryDirectory(prefix: "folder")
    let out = scratch.file("out")
    for force in [false, true] {
      let folder = try Self.folder(out, force: force)
      try folder.write(Data("mine".utf8), to: "new.txt")
      try Self.makeFolder(out, marked: false, file: "theirs.txt")
      #expect(throws: OutputError.appearedMeanwhile(path: out.path)) { try folder.commit() }
      folder.discard()
      #expect(scratch.entries() == ["out"])
      #expect(Self.contents(out) == ["theirs.txt"])
      try FileManager.default.removeItem(at: out)
    }
  }

  @Test func anEmptyFolderThatAppearsWhileWritingIsNotReplacedEither() throws {
    let scratch = try TemporaryDirectory(prefix: "folder")
    let out = scratch.file("out")
    let folder = try Self.folder(out)
    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: false)
    #expect(throws: OutputError.appearedMeanwhile(path: out.path)) { try folder.commit() }
  }

  @Test func anUncommittedFolderLeavesNothingBehind() throws {
    let scratch = try TemporaryDirectory(prefix: "folder")
    do {
      let folder = try Self.folder(scratch.file("out"))
      try folder.makeDirectory("a/b")
      try folder.write(Data("x".utf8), to: "a/b/c")
    }
    #expect(scratch.entries().isEmpty)
    let discarded = try Self.folder(scratch.file("out"))
    discarded.discard()
    #expect(scratch.entries().isEmpty)
    #expect(throws: OutputError.self) { try discarded.makeDirectory("late") }
  }

  @Test func staleFoldersOfEndedRunsAreNamedThenRemovedWithForce() throws {
    let scratch = try TemporaryDirectory(prefix: "folder")
    let stale = scratch.file("out.partial-999999999-ab")
    try Self.makeFolder(stale, marked: true)
    let unmarked = scratch.file("out.partial-999999998-cd")
    try Self.makeFolder(unmarked, marked: false)
    let running = scratch.file("out.partial-1-ef")  // init is always running
    try Self.makeFolder(running, marked: true)
    let named = try Self.folder(scratch.file("out"))
    #expect(
      named.notes == [
        "out.partial-999999999-ab: left by an interrupted run (process 999999999 has ended); --force removes it"
      ])
    named.discard()
    #expect(FileManager.default.fileExists(atPath: stale.path))
    let removed = try Self.folder(scratch.file("out"), force: true)
    #expect(removed.notes.count == 1 && removed.notes[0].hasSuffix("; removed"))
    removed.discard()
    #expect(scratch.entries().sorted() == ["out.partial-1-ef", "out.partial-999999998-cd"])
  }
}
