import Foundation
import HESPCore
import HESPMP4
import Testing

@testable import HESPVerify

/// Every claim a package makes is held against its media: a changed field of manifest.json,
/// frame-index.json or sabre-movie.json, or changed bytes inside an init IDR that still decodes,
/// fails with the file and the field's (or the sample's) byte offset.
@Suite(.serialized) struct ClaimTests {
  static let fixture = Result { try VerifyFixture.package() }

  /// A fresh copy of the fixture package.
  func copy() throws -> URL {
    let root = try Self.fixture.get()
    let out = FileManager.default.temporaryDirectory.appendingPathComponent(
      "hesp-claims-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: root, to: out)
    return out
  }

  func encoded<T: Encodable>(_ value: T) throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return Array(try encoder.encode(value)) + [0x0A]
  }

  /// Verifies a copy changed by `change` (boxes only: the documents are the point) and returns
  /// the findings in `file`.
  func findings(
    in file: String, splices: VerifyOptions.SpliceSelection = .none,
    after change: (URL) throws -> Void
  ) async throws -> [VerifyFinding] {
    let root = try copy()
    defer { VerifyFixture.remove(root) }
    try change(root)
    let report = await Verifier.run(VerifyOptions(packagePath: root.path, splices: splices))
    #expect(!report.passed)
    return report.findings.filter { $0.file == file }
  }

  func changeManifest(_ root: URL, _ body: (inout Manifest) -> Void) throws {
    var manifest = try JSONDecoder().decode(
      Manifest.self, from: Data(VerifyFixture.bytes(root, "manifest.json")))
    body(&manifest)
    try VerifyFixture.write(try encoded(manifest), root, "manifest.json")
  }

  func changeIndex(_ root: URL, _ body: (inout FrameIndex) -> Void) throws {
    var index = try JSONDecoder().decode(
      FrameIndex.self, from: Data(VerifyFixture.bytes(root, "frame-index.json")))
    body(&index)
    try VerifyFixture.write(try encoded(index), root, "frame-index.json")
  }

  @Test func theFixturePackageMakesNoFalseClaim() async throws {
    let report = await Verifier.run(
      VerifyOptions(packagePath: try Self.fixture.get().path, splices: .all))
    #expect(report.passed, "\(report.findings)")
  }

  @Test(arguments: [
    ("bandwidth", "bandwidth"), ("averageBandwidth", "averageBandwidth"),
    ("resolution", "resolution"),
    ("frameRate", "frameRate"), ("streamType", "streamType"),
    ("segmentDuration", "segmentDuration"),
    ("availabilityDuration", "availabilityDuration"), ("timeBounds", "timeBounds"),
    ("initializationInterval", "initializationInterval"), ("mimeType", "mimeType"),
  ])
  func aWrongManifestFieldIsReportedAtTheField(field: String, key: String) async throws {
    let found = try await findings(in: "manifest.json") { root in
      try changeManifest(root) { manifest in
        var set = manifest.presentations[0].video[0]
        switch field {
        case "bandwidth": set.tracks[1].bandwidth += 1000
        case "averageBandwidth":
          set.tracks[1].averageBandwidth = (set.tracks[1].averageBandwidth ?? 0) - 1
        case "resolution": set.tracks[1].resolution.width = 300
        case "frameRate": set.tracks[1].frameRate = Manifest.ScaledValue(value: 25)
        case "streamType": manifest.streamType = "live"
        case "segmentDuration": set.tracks[1].segmentDuration?.value += 512
        case "availabilityDuration": manifest.availabilityDuration.value *= 2
        case "timeBounds": manifest.presentations[0].timeBounds.endTime = 1
        case "initializationInterval": set.tracks[1].initializationInterval = 2
        default: set.mimeType = "video/webm"
        }
        manifest.presentations[0].video[0] = set
      }
    }
    let finding = try #require(found.first, "\(field)")
    #expect(finding.message.contains(key), "\(finding)")
    #expect(finding.byteOffset > 0)
  }

  @Test(arguments: [
    "averageBitsPerSecond", "peakBitsPerSecond", "gopFrames", "segmentDurationFrames",
    "initializationIntervalFrames", "width",
  ])
  func aWrongFrameIndexClaimIsReported(field: String) async throws {
    let found = try await findings(in: "frame-index.json") { root in
      try changeIndex(root) { index in
        switch field {
        case "averageBitsPerSecond": index.tracks[0].averageBitsPerSecond += 8
        case "peakBitsPerSecond": index.tracks[0].peakBitsPerSecond -= 8
        case "gopFrames": index.gopFrames = 10
        case "segmentDurationFrames": index.segmentDurationFrames = 10
        case "initializationIntervalFrames": index.initializationIntervalFrames = 2
        default: index.tracks[0].width = 200
        }
      }
    }
    #expect(found.contains { $0.message.contains(field) && $0.byteOffset > 0 }, "\(found)")
  }

  @Test(arguments: ["segment_duration_ms", "segment_sizes_bits", "bitrates_kbps"])
  func aWrongSabreMovieClaimIsReported(field: String) async throws {
    let found = try await findings(in: "sabre-movie.json") { root in
      var movie = try JSONDecoder().decode(
        SabreMovie.self, from: Data(VerifyFixture.bytes(root, "sabre-movie.json")))
      switch field {
      case "segment_duration_ms": movie.segmentDurationMs += 100
      case "segment_sizes_bits": movie.segmentSizesBits[1][0] += 8
      default: movie.bitratesKbps[0] += 1
      }
      try VerifyFixture.write(try encoded(movie), root, "sabre-movie.json")
    }
    #expect(
      found.count == 1 && found[0].message.contains(field) && found[0].byteOffset > 0, "\(found)")
  }

  @Test(arguments: [6, 30, 60])
  func bytesChangedNearTheEndOfAnInitIDRThatStillDecodesAreCaught(fromEnd: Int) async throws {
    let path = "video/180p/init-7.m4s"
    var sampleOffset = 0
    let found = try await findings(in: path, splices: .all) { root in
      var bytes = try VerifyFixture.bytes(root, path)
      let file = try MP4File(bytes: bytes)
      let header = try file.header()
      sampleOffset = try #require(
        try file.fragments(defaults: header.trackExtends).first?.samples.first?.dataRange.lowerBound
      )
      bytes[bytes.count - fromEnd] ^= 0x5A
      try VerifyFixture.write(bytes, root, path)
    }
    let finding = try #require(found.first)
    #expect(finding.byteOffset == sampleOffset)
    #expect(
      finding.message.contains("initSquaredErrorSum") || finding.message.contains("decode"),
      "\(finding)")
  }

  @Test func aMissingSabreMovieIsAFinding() async throws {
    let found = try await findings(in: "sabre-movie.json") { root in
      try FileManager.default.removeItem(at: VerifyFixture.file(root, "sabre-movie.json"))
    }
    #expect(found.count == 1 && found[0].message.contains("missing"))
  }
}
