import Foundation
import HESPCore
import Testing

@testable import HESPVerify

/// Corrupted packages: each problem is reported with its file and byte offset, the report
/// fails, nothing crashes.
@Suite(.serialized) struct BadPackageTests {
  func verify(_ root: URL) async -> VerifyReport {
    await Verifier.run(VerifyOptions(packagePath: root.path, splices: .sample(3)))
  }

  @Test func aMissingInitPacketIsReportedWithItsName() async throws {
    let root = try VerifyFixture.package()
    defer { VerifyFixture.remove(root) }
    try FileManager.default.removeItem(at: VerifyFixture.file(root, "video/180p/init-5.m4s"))
    let report = await verify(root)
    #expect(!report.passed)
    #expect(
      report.findings.contains {
        $0.file == "video/180p/init-5.m4s" && $0.byteOffset == 0 && $0.message.contains("missing")
      })
    #expect(
      report.findings.contains {
        $0.file == "manifest.json" && $0.message.contains("init packet 5")
      })
  }

  @Test func aTruncatedSegmentIsReportedOnceWithTheBrokenBoxAndTheSplicesThatNeedIt() async throws {
    let root = try VerifyFixture.package()
    defer { VerifyFixture.remove(root) }
    let path = "video/180p/content-1.m4s"
    let bytes = try VerifyFixture.bytes(root, path)
    try VerifyFixture.write(Array(bytes.dropLast(100)), root, path)
    let report = await Verifier.run(VerifyOptions(packagePath: root.path, splices: .all))
    #expect(!report.passed)
    // One line: where the file ends, its size against the frame index, the broken box (the
    // last mdat runs past the end) and the init packets whose splices read the segment.
    #expect(report.findings.count == 1, "\(report.findings)")
    let finding = try #require(report.findings.first)
    #expect(finding.file == path && finding.byteOffset == bytes.count - 100)
    #expect(
      finding.message.contains("truncated: has \(bytes.count - 100) of the \(bytes.count) bytes"))
    #expect(finding.message.contains("box 'mdat' at byte "))
    #expect(finding.message.contains("the splices of init packets 0-19 need it"))
    #expect(report.tracks.first { $0.id == "180p" }?.splicesChecked == 0)
  }

  @Test func anEmsgPointingPastTheEndOfASegmentIsReported() async throws {
    let root = try VerifyFixture.package()
    defer { VerifyFixture.remove(root) }
    let path = "video/180p/init-3.m4s"
    var bytes = try VerifyFixture.bytes(root, path)
    let key = Array("\"offset\":".utf8)
    let start = try #require(
      (0..<(bytes.count - key.count)).first { bytes[$0..<$0 + key.count].elementsEqual(key) })
    var position = start + key.count
    while bytes[position] >= UInt8(ascii: "0") && bytes[position] <= UInt8(ascii: "9") {
      bytes[position] = UInt8(ascii: "9")  // same length: the box sizes stay valid
      position += 1
    }
    try VerifyFixture.write(bytes, root, path)
    let report = await verify(root)
    #expect(!report.passed)
    let finding = try #require(report.findings.first { $0.file == path })
    #expect(
      finding.message.contains("is not inside content-0.m4s") && finding.message.contains("416"))
    #expect(finding.byteOffset > 0)  // the emsg box, after ftyp + moov
  }

  @Test func aManifestWithAWrongPatternIsReportedAtThePatternField() async throws {
    let root = try VerifyFixture.package()
    defer { VerifyFixture.remove(root) }
    let text = String(decoding: try VerifyFixture.bytes(root, "manifest.json"), as: UTF8.self)
    let broken = text.replacingOccurrences(
      of: "content-{segmentId}.m4s", with: "segment-{segmentId}.m4s")
    try VerifyFixture.write(Array(broken.utf8), root, "manifest.json")
    let report = await verify(root)
    #expect(!report.passed)
    let finding = try #require(report.findings.first { $0.file == "manifest.json" })
    #expect(finding.message.contains("continuationPattern 'segment-{segmentId}.m4s'"))
    let expectedOffset = try #require(broken.utf8.firstRange(of: "\"continuationPattern\"".utf8))
    #expect(
      finding.byteOffset
        == broken.utf8.distance(from: broken.utf8.startIndex, to: expectedOffset.lowerBound))
  }

  @Test func aDirectoryThatIsNotAPackageIsRejected() async throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "hesp-verify-empty-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    defer { VerifyFixture.remove(root) }
    try Data("hello".utf8).write(to: root.appendingPathComponent("notes.txt"))
    let report = await verify(root)
    #expect(!report.passed && report.tracks.isEmpty)
    #expect(report.findings.count == 1)
    #expect(
      report.findings.first?.message == "not a hesp package (no manifest.json, no frame-index.json)"
    )
  }

  @Test func aMissingDirectoryIsRejected() async {
    let report = await verify(URL(fileURLWithPath: "/nonexistent/hesp-package"))
    #expect(!report.passed && report.findings.count == 1)
  }
}

/// Corrupted slice data: libav's own error messages are captured and reported as failures.
@Suite(.serialized) struct DecodeErrorTests {
  @Test func corruptSliceDataIsADecodeFailureWithLibavsMessage() async throws {
    let root = try VerifyFixture.package()
    defer { VerifyFixture.remove(root) }
    let index = try JSONDecoder().decode(
      FrameIndex.self, from: Data(contentsOf: VerifyFixture.file(root, "frame-index.json")))
    let frame = try #require(index.tracks.first { $0.id == "180p" }?.frames[3])
    let path = "video/180p/content-0.m4s"
    var bytes = try VerifyFixture.bytes(root, path)
    // The last two thirds of frame 3's chunk are slice data: overwrite them (sizes stay valid).
    let start = frame.byteOffset + frame.chunkByteCount / 3
    for position in start..<(frame.byteOffset + frame.chunkByteCount) {
      bytes[position] = UInt8(truncatingIfNeeded: position &* 151)
    }
    try VerifyFixture.write(bytes, root, path)
    let report = await Verifier.run(
      VerifyOptions(packagePath: root.path, splices: .sample(2), trackIds: ["180p"]))
    #expect(!report.passed)
    let finding = try #require(report.findings.first { $0.file == path })
    // Frame 0's moof, after the styp: where the GOP that cannot be decoded starts.
    #expect(finding.byteOffset == 24)
    #expect(finding.message.contains("error while decoding MB"))  // libav's log line, captured
    #expect(finding.message.contains("picture 3: flagged corrupt"))
  }
}
