import Foundation
import Testing

@testable import HESPFFmpeg

@Suite struct InputFileTests {
  init() { FFmpegLog.silent() }

  @Test func aMissingFileFailsInAvformatOpenInputWithENOENT() {
    #expect {
      _ = try InputFile(path: "/nonexistent/hesp-missing.mp4")
    } throws: { error in
      guard let error = error as? FFmpegError else { return false }
      return error.call == "avformat_open_input" && error.isFileNotFound
    }
  }

  @Test func aTextFileIsNotMedia() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "hesp-ffmpeg-\(getpid()).txt")
    try Data("just some words, not a video\n".utf8).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    #expect(throws: (any Error).self) { _ = try InputFile(path: url.path) }
  }

  @Test func errorDescriptionsNameTheCallAndFFmpegsReason() {
    let error = FFmpegError(call: "avcodec_open2", code: -22)
    #expect(error.description == "avcodec_open2 failed: Invalid argument (-22)")
  }
}
