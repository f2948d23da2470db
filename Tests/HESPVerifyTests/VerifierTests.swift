import Foundation
import HESPAVC
import HESPCore
import HESPMP4
import HESPPackager
import Testing

@testable import HESPVerify

/// `hesp verify` on a real package of the fixture: every splice decodes, drift is measured, the
/// strict frame_num check and the renumbering work, output is deterministic.
@Suite(.serialized) struct VerifierTests {
  @Test func everySpliceOfAFixturePackageDecodesWithSmallDrift() async throws {
    let root = try VerifyFixture.package()
    defer { VerifyFixture.remove(root) }
    let report = await Verifier.run(VerifyOptions(packagePath: root.path))
    #expect(report.passed, "\(report.findings)")
    #expect(report.tracks.map(\.id) == ["120p", "180p"])
    for track in report.tracks {
      #expect(
        track.initPacketCount == 20 && track.splicesChecked == 20 && track.decodeFailures == 0)
      // Frames k..end of GOP for every k: GOPs of 12 and 8 frames.
      #expect(track.framesCompared == 12 * 13 / 2 + 8 * 9 / 2)
      #expect((track.driftPSNRYMeanDecibels ?? 0) > 40)
      #expect(track.splices.allSatisfy { $0.psnrYDecibels.count == $0.frameCount })
    }
  }

  @Test func losslessInitPacketsSpliceBitExact() async throws {
    let root = try VerifyFixture.package { $0.initLossless = true }
    defer { VerifyFixture.remove(root) }
    let report = await Verifier.run(VerifyOptions(packagePath: root.path, splices: .sample(5)))
    #expect(report.passed, "\(report.findings)")
    let index = try JSONDecoder().decode(
      FrameIndex.self, from: Data(contentsOf: VerifyFixture.file(root, "frame-index.json")))
    for track in report.tracks {
      // One header for both streams: its avcC holds the lossless SPS/PPS (id 1) and the
      // continuation's (id 0); the codec string says High 4:4:4 Predictive.
      #expect(track.ownHeaderInitPacketCount == 0)
      #expect(track.framesCompared > 0 && track.exactFrameCount == track.framesCompared)
      #expect(track.driftPSNRYMeanDecibels == nil)
      let header = try MP4File(bytes: VerifyFixture.bytes(root, "video/\(track.id)/header.mp4"))
        .header()
      let sets = try AVCParameterSets(header.sampleEntry.avc)
      #expect(
        sets.sequenceParameterSets.keys.sorted() == [0, 1]
          && sets.pictureParameterSets.keys.sorted() == [0, 1])
      #expect(
        sets.sequenceParameterSets[1]?.profileIndication == 244
          && sets.sequenceParameterSets[0]?.profileIndication == 100)
      #expect(index.tracks.first { $0.id == track.id }?.codecs.hasPrefix("avc1.f4") == true)
    }
  }

  @Test func strictReportsTheFrameNumGapAndTheRenumberedSpliceIsIdentical() async throws {
    let root = try VerifyFixture.package { $0.spliceSafeFrameNum = false }
    defer { VerifyFixture.remove(root) }
    let report = await Verifier.run(
      VerifyOptions(packagePath: root.path, strict: true, trackIds: ["180p"]))
    let splices = report.tracks[0].splices
    // Splices at a keyframe (0, 12) and at a GOP's last frame (11, 19) have no gap.
    #expect(splices.filter { $0.frameNumGapAtFrame == nil }.map(\.initFrame) == [0, 11, 12, 19])
    #expect(splices.first { $0.initFrame == 4 }?.frameNumGapAtFrame == 5)
    #expect(!report.passed)
    #expect(
      report.findings.count == 16
        && report.findings.allSatisfy { $0.message.contains("frame_num gap") })
    // The renumbered decode is tried where there is a gap, and gives the same pictures.
    #expect(
      splices.allSatisfy {
        $0.renumberedSpliceIdentical == ($0.frameNumGapAtFrame != nil ? true : nil)
      })
  }

  @Test func aSpliceSafePackagePassesStrictWithTheSamePicturesAsAPlainOne() async throws {
    let plainRoot = try VerifyFixture.package { $0.spliceSafeFrameNum = false }
    let safeRoot = try VerifyFixture.package()
    defer {
      VerifyFixture.remove(plainRoot)
      VerifyFixture.remove(safeRoot)
    }
    let plain = await Verifier.run(VerifyOptions(packagePath: plainRoot.path, strict: true))
    let safe = await Verifier.run(VerifyOptions(packagePath: safeRoot.path, strict: true))
    #expect(safe.passed, "\(safe.findings)")
    #expect(!plain.passed)
    #expect(safe.tracks.map(\.splicesChecked) == [20, 20])
    #expect(safe.tracks.allSatisfy { $0.frameNumGapSplices == 0 && $0.decodeFailures == 0 })
    #expect(plain.tracks.allSatisfy { $0.frameNumGapSplices > 0 })
    #expect(safe.tracks.flatMap(\.splices).allSatisfy { $0.renumberedSpliceIdentical == nil })
    // Same pictures: every splice's drift, frame by frame, equals the plain package's.
    #expect(
      safe.tracks.map { $0.splices.map(\.psnrYDecibels) }
        == plain.tracks.map { $0.splices.map(\.psnrYDecibels) })
    // Only the continuation's P frames grew, by under a byte each.
    let plainBytes = try VerifyFixture.bytes(plainRoot, "video/180p/content-0.m4s").count
    let safeBytes = try VerifyFixture.bytes(safeRoot, "video/180p/content-0.m4s").count
    #expect(safeBytes > plainBytes && safeBytes <= plainBytes + 9)
  }

  @Test func aFrameNumGapFailsByDefaultAndIsOnlyReportedWhenAllowed() async throws {
    let root = try VerifyFixture.package { $0.spliceSafeFrameNum = false }
    defer { VerifyFixture.remove(root) }
    let strictByDefault = await Verifier.run(
      VerifyOptions(packagePath: root.path, trackIds: ["180p"]))
    #expect(!strictByDefault.passed)
    #expect(strictByDefault.findings.count == 16)
    #expect(
      strictByDefault.findings.allSatisfy {
        $0.message.contains("frame_num gap after the init IDR")
          && $0.file.hasPrefix("video/180p/init-")
      })
    #expect(strictByDefault.tracks[0].splices.allSatisfy { $0.renumberedSpliceIdentical == nil })
    let allowed = await Verifier.run(
      VerifyOptions(packagePath: root.path, allowsFrameNumGaps: true, trackIds: ["180p"]))
    #expect(allowed.passed, "\(allowed.findings)")
    #expect(allowed.frameNumGapsAllowed == true && allowed.tracks[0].frameNumGapSplices == 16)
    #expect(allowed.summaryText.contains("frame_num gaps allowed"))
  }

  @Test func aDefaultPackageHasNoFrameNumGapAndPassesWithoutOptions() async throws {
    let root = try VerifyFixture.package()
    defer { VerifyFixture.remove(root) }
    let report = await Verifier.run(VerifyOptions(packagePath: root.path))
    #expect(report.passed, "\(report.findings)")
    #expect(report.frameNumGapsAllowed == nil)
    #expect(report.tracks.allSatisfy { $0.frameNumGapSplices == 0 && $0.splicesChecked == 20 })
  }

  @Test func theJSONReportIsByteIdenticalAcrossRuns() async throws {
    let root = try VerifyFixture.package()
    defer { VerifyFixture.remove(root) }
    let options = VerifyOptions(packagePath: root.path, splices: .sample(4))
    let first = await Verifier.run(options)
    let second = await Verifier.run(options)
    #expect(try first.jsonData() == second.jsonData())
  }

  @Test func theReportDoesNotDependOnHowManyThreadsDecodeTheGOPs() async throws {
    let root = try VerifyFixture.package()
    defer { VerifyFixture.remove(root) }
    let one = await Verifier.run(
      VerifyOptions(packagePath: root.path, strict: true, concurrentTrackCount: 1))
    let three = await Verifier.run(
      VerifyOptions(packagePath: root.path, strict: true, concurrentTrackCount: 3))
    #expect(one.tracks.map(\.splicesChecked) == [20, 20])
    #expect(try one.jsonData() == three.jsonData())
  }

  @Test func aSampleOfSplicesIsEvenlySpreadAndDeterministic() {
    #expect(VerifyOptions.select(.sample(3), from: Array(0..<20)) == [0, 10, 19])
    #expect(VerifyOptions.select(.sample(1), from: Array(0..<20)) == [10])
    #expect(VerifyOptions.select(.sample(50), from: Array(0..<20)) == Array(0..<20))
    #expect(VerifyOptions.select(.none, from: Array(0..<20)).isEmpty)
  }
}

/// `--source`: the splices' PSNR loss against the source is measured and small.
@Suite(.serialized) struct SourceComparisonTests {
  @Test func theLossAgainstTheSourceIsMeasuredAndSmall() async throws {
    let root = try VerifyFixture.package()
    defer { VerifyFixture.remove(root) }
    let report = await Verifier.run(
      VerifyOptions(
        packagePath: root.path, splices: .sample(4), trackIds: ["180p"],
        sourcePath: VerifyFixture.source.path))
    #expect(report.passed, "\(report.findings)")
    let loss = try #require(report.tracks.first?.psnrYLossVsSourceDecibels)
    #expect(loss <= 0 && loss > -2)
    #expect(report.tracks[0].splices.allSatisfy { $0.psnrYVsSourceDecibels != nil })
  }
}
