import Foundation
import HESPCore
import HESPTestSupport
import Testing

@Suite struct NoReplaceRenameTests {
  @Test func aRenameOntoAnythingThatExistsFailsWithEEXISTAndMovesNothing() throws {
    let scratch = try TemporaryDirectory(prefix: "rename")
    let source = scratch.file("source")
    try FileManager.default.createDirectory(at: source, withIntermediateDirectories: false)
    let emptyFolder = scratch.file("empty")
    try FileManager.default.createDirectory(at: emptyFolder, withIntermediateDirectories: false)
    let file = scratch.file("file")
    try Data().write(to: file)
    for destination in [emptyFolder, file] {
      #expect(throws: POSIXError(.EEXIST)) {
        try NoReplaceRename.rename(source.path, to: destination.path)
      }
    }
    #expect(scratch.entries().sorted() == ["empty", "file", "source"])
  }

  @Test func aRenameOntoNothingMovesTheFolder() throws {
    let scratch = try TemporaryDirectory(prefix: "rename")
    try FileManager.default.createDirectory(
      at: scratch.file("source"), withIntermediateDirectories: false)
    try NoReplaceRename.rename(scratch.file("source").path, to: scratch.file("target").path)
    #expect(scratch.entries() == ["target"])
  }
}

@Suite struct ScratchFolderTests {
  @Test func aScratchFolderIsRemovedWhenReleasedAndStaleOnesOnTheNextRun() throws {
    let stale = FileManager.default.temporaryDirectory.appendingPathComponent(
      "hesp-scratch-test.partial-999999999-ab")
    try FileManager.default.createDirectory(at: stale, withIntermediateDirectories: true)
    try OutputMarker.write(command: "scratch-test", in: stale)
    var url: URL?
    do {
      let scratch = try ScratchFolder(command: "scratch-test")
      url = scratch.url
      #expect(FileManager.default.fileExists(atPath: scratch.url.path))
      #expect(!FileManager.default.fileExists(atPath: stale.path))
    }
    #expect(!FileManager.default.fileExists(atPath: try #require(url).path))
  }
}
