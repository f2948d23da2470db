import Foundation
import HESPTestSupport
import Testing

@testable import HESPMP4

/// HESP splices written by the writer: init packet n + continuation from its emsg's offset.
/// `HESP_MINI_PACKAGE_DIR=DIR` keeps the package in DIR (Tools/browser-check.sh uses it).
@Suite struct MiniPackageTests {
  /// Builds in scratch, or in `HESP_MINI_PACKAGE_DIR` when `keep` (one test only: tests run in parallel).
  private func makePackage(_ scratch: TemporaryDirectory, keep: Bool = false) throws -> MiniPackage
  {
    let kept = ProcessInfo.processInfo.environment["HESP_MINI_PACKAGE_DIR"].map {
      URL(fileURLWithPath: $0)
    }
    return try MiniPackage.build(
      in: (keep ? kept : nil) ?? scratch.file("package"), scratch: scratch)
  }

  /// Decoded frames of `bytes` as `(pts, md5)` through `ffmpeg -v error -f framemd5`, plus stderr.
  private func decode(_ bytes: [UInt8], _ scratch: TemporaryDirectory, name: String) throws -> (
    frames: [(pts: Int, md5: String)], stderr: String
  ) {
    let url = scratch.file(name)
    try Data(bytes).write(to: url)
    let result = try Command(onPath: "ffmpeg").run([
      "-v", "error", "-nostdin", "-i", url.path, "-copyts", "-enc_time_base", "-1", "-f",
      "framemd5", "-",
    ])
    #expect(result.status == 0)
    let frames = result.standardOutputText.split(separator: "\n").filter { !$0.hasPrefix("#") }
      .compactMap {
        line -> (Int, String)? in
        let fields = line.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard fields.count == 6, let pts = Int(fields[2]) else { return nil }
        return (pts, fields[5])
      }
    return (frames, result.standardError)
  }

  @Test func everyInitPacketPointsAtTheNextFramesChunk() throws {
    let scratch = try TemporaryDirectory()
    let package = try makePackage(scratch, keep: true)
    for frame in 0..<MiniPackage.frameCount - 1 {
      let initPacket = try MP4File(
        bytes: Array(
          try Data(contentsOf: package.trackDirectory.appendingPathComponent("init-\(frame).m4s"))))
      #expect(initPacket.topLevelTypes == ["ftyp", "moov", "emsg", "moof", "mdat"])
      let message = try #require(try initPacket.eventMessages().first?.message)
      let json = try JSONSerialization.jsonObject(with: Data(message.messageData)) as? [String: Int]
      let index = try #require(json?["index"])
      let offset = try #require(json?["offset"])
      let segment = try MP4File(
        bytes: Array(
          try Data(
            contentsOf: package.trackDirectory.appendingPathComponent("content-\(index).m4s"))))
      let target = try #require(
        try segment.fragments(defaults: TrackExtends(trackId: 1)).first { $0.moof.offset == offset }
      )
      let own = try #require(
        try initPacket.fragments(defaults: try initPacket.header().trackExtends).first)
      #expect(own.samples[0].isSync)
      #expect(target.samples[0].decodeTimeTicks == own.samples[0].decodeTimeTicks + 512)
    }
  }

  @Test func aSpliceAtAnyFrameDecodesSilentlyWithTheContinuationsTimestamps() throws {
    let scratch = try TemporaryDirectory()
    let package = try makePackage(scratch)
    var normal = Array(
      try Data(contentsOf: package.trackDirectory.appendingPathComponent("header.mp4")))
    for segment in 0..<3 {
      normal += Array(
        try Data(
          contentsOf: package.trackDirectory.appendingPathComponent("content-\(segment).m4s")))
    }
    let reference = try decode(normal, scratch, name: "continuation.mp4")
    #expect(reference.stderr.isEmpty)
    #expect(reference.frames.map(\.pts) == (0..<50).map { $0 * 512 })

    for frame in [1, 10, 19, 24, 25, 37, 49] {
      let splice = try decode(
        try package.spliceBytes(joiningAt: frame), scratch, name: "splice-\(frame).mp4")
      #expect(splice.stderr.isEmpty, "splice at \(frame): \(splice.stderr)")
      #expect(splice.frames.map(\.pts) == (frame..<50).map { $0 * 512 }, "splice at \(frame)")
      // From the next continuation IDR on, the splice decodes exactly like the continuation.
      let exactFrom = frame < 25 ? 25 : 50
      #expect(
        splice.frames.filter { $0.pts >= exactFrom * 512 }.map(\.md5)
          == reference.frames.filter { $0.pts >= exactFrom * 512 }.map(\.md5))
    }
  }
}
