import Foundation
import HESPCore
import HESPTestSupport
import Testing

/// Where an output may never go, with or without --force.
@Suite struct OutputPlacementTests {
  @Test func theWorkingDirectoryAndEveryParentOfItAreRefused() throws {
    let here = FileManager.default.currentDirectoryPath
    for path in [".", "./", here, URL(fileURLWithPath: here).deletingLastPathComponent().path, "/"]
    {
      #expect(throws: OutputError.holdsTheWorkingDirectory(path: path)) {
        try OutputPlacement.check(path, inputs: [])
      }
    }
  }

  @Test func anInputIsRefusedUnderAnySpellingThroughALinkOrAHardLink() throws {
    let scratch = try TemporaryDirectory(prefix: "placement")
    let input = scratch.file("in.mp4")
    try Data("video".utf8).write(to: input)
    let symbolic = scratch.file("link.mp4")
    try FileManager.default.createSymbolicLink(at: symbolic, withDestinationURL: input)
    let hard = scratch.file("hard.mp4")
    try FileManager.default.linkItem(at: input, to: hard)
    let spellings = [input.path, scratch.url.path + "/./in.mp4", scratch.url.path + "/x/../in.mp4"]
    for path in spellings + [symbolic.path, hard.path] {
      #expect(throws: OutputError.isAnInput(path: path)) {
        try OutputPlacement.check(path, inputs: [input.path])
      }
    }
  }

  @Test func aFolderHoldingAnInputAtAnyDepthIsRefused() throws {
    let scratch = try TemporaryDirectory(prefix: "placement")
    let package = scratch.file("pkg/video/180p")
    try FileManager.default.createDirectory(at: package, withIntermediateDirectories: true)
    let input = package.appendingPathComponent("header.mp4").path
    for folder in [scratch.url.path, scratch.file("pkg").path, package.path] {
      #expect(throws: OutputError.holdsAnInput(path: folder, input: input)) {
        try OutputPlacement.check(folder, inputs: [input])
      }
    }
  }

  @Test func aSiblingOrAFolderInsideAnInputFolderIsAllowed() throws {
    let scratch = try TemporaryDirectory(prefix: "placement")
    let input = scratch.file("in.mp4").path
    try OutputPlacement.check(scratch.file("out").path, inputs: [input])
    try OutputPlacement.check(scratch.file("in.mp4-out").path, inputs: [input])
    try OutputPlacement.check(scratch.file("pkg/study").path, inputs: [scratch.file("pkg").path])
  }
}
