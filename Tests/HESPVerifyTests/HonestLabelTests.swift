import Foundation
import HESPCore
import HESPMP4
import Testing

@testable import HESPVerify

/// What a package says about its own bytes: the last init packet has no pointer (a Range at the
/// end of a segment gets 416), and only segments that start with a keyframe carry the CMAF
/// segment brand.
@Suite(.serialized) struct HonestLabelTests {
  /// The emsg message of an init packet.
  func message(_ bytes: [UInt8]) throws -> String {
    let file = try MP4File(bytes: bytes)
    let event = try #require(try file.eventMessages().first?.1)
    return String(decoding: event.messageData, as: UTF8.self)
  }

  @Test func theLastInitPacketCarriesNoPointerAndTheOthersPointInsideASegment() throws {
    let root = try VerifyFixture.package()
    defer { VerifyFixture.remove(root) }
    let index = try JSONDecoder().decode(
      FrameIndex.self, from: Data(contentsOf: VerifyFixture.file(root, "frame-index.json")))
    for track in index.tracks {
      #expect(try message(VerifyFixture.bytes(root, "video/\(track.id)/init-19.m4s")) == "{}")
      for frame in 0..<19 {
        let next = track.frames[frame + 1]
        #expect(
          try message(VerifyFixture.bytes(root, "video/\(track.id)/init-\(frame).m4s"))
            == #"{"index":\#(next.segmentId),"offset":\#(next.byteOffset)}"#)
        #expect(next.byteOffset < track.segments[next.segmentId].byteCount)
      }
    }
  }

  @Test func aLastInitPacketPointingAtTheEndOfTheLastSegmentIsReported() async throws {
    let root = try VerifyFixture.package()
    defer { VerifyFixture.remove(root) }
    let path = "video/180p/init-19.m4s"
    let bytes = try VerifyFixture.bytes(root, path)
    let file = try MP4File(bytes: bytes)
    let (box, event) = try #require(try file.eventMessages().first)
    let last = try #require(
      try JSONDecoder().decode(
        FrameIndex.self, from: Data(contentsOf: VerifyFixture.file(root, "frame-index.json"))
      ).tracks.first { $0.id == "180p" }?.segments.last)
    // The packet as hesp wrote it before: a pointer at the last segment's size.
    let oldEvent = CMAFWriter.eventMessage(
      schemeIdURI: event.schemeIdURI, value: event.value, timescale: event.timescale,
      presentationTimeDeltaTicks: 0,
      eventDurationTicks: event.eventDuration, id: event.id,
      messageData: Array(#"{"index":\#(last.id),"offset":\#(last.byteCount)}"#.utf8))
    try VerifyFixture.write(
      Array(bytes[..<box.offset]) + oldEvent + Array(bytes[(box.offset + box.size)...]), root, path)
    let report = await Verifier.run(
      VerifyOptions(packagePath: root.path, splices: .none, trackIds: ["180p"]))
    #expect(!report.passed)
    let finding = try #require(
      report.findings.first { $0.file == path && $0.message.contains("emsg") })
    #expect(finding.byteOffset == box.offset)
    #expect(finding.message.contains("416"))
  }

  @Test func aSegmentThatStartsInsideAGOPIsNotLabelledACMAFSegment() async throws {
    // GOP 12 frames, segments of 9: segment 1 starts on P frame 9, segment 0 on the IDR.
    let root = try VerifyFixture.package()
    defer { VerifyFixture.remove(root) }
    let first = try #require(
      try MP4File(bytes: VerifyFixture.bytes(root, "video/180p/content-0.m4s")).segmentType())
    #expect(first.majorBrand == "cmfs" && first.compatibleBrands == ["cmfs", "msdh"])
    let path = "video/180p/content-1.m4s"
    var bytes = try VerifyFixture.bytes(root, path)
    let second = try #require(try MP4File(bytes: bytes).segmentType())
    #expect(second.majorBrand == "msdh" && second.compatibleBrands == ["msdh", "iso6"])
    #expect(await Verifier.run(VerifyOptions(packagePath: root.path, splices: .none)).passed)
    // Claiming 'cmfs' there (same length) is a finding at the styp.
    bytes.replaceSubrange(8..<12, with: Array("cmfs".utf8))
    try VerifyFixture.write(bytes, root, path)
    let report = await Verifier.run(VerifyOptions(packagePath: root.path, splices: .none))
    #expect(!report.passed)
    #expect(
      report.findings.contains {
        $0.file == path && $0.byteOffset == 0 && $0.message.contains("'cmfs'")
      })
  }
}
