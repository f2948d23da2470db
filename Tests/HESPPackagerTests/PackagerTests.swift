import Foundation
import HESPCore
import HESPFFmpeg
import HESPTestSupport
import Testing

@testable import HESPPackager

/// The package written by `Packager.run` on the fixture: every index entry describes the real
/// files, and the JSON documents are deterministic.
@Suite(.serialized) struct PackagerTests {
  static let fixture = Repository.fixture("Media/flower-320x180-1s.mp4")

  static func package(_ configure: (inout PackagingOptions) -> Void = { _ in }) throws -> (
    URL, PackagingReport
  ) {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent(
      "hesp-packager-\(UUID().uuidString)")
    var options = PackagingOptions(
      inputPath: fixture.path, outputPath: out.path,
      ladder: try EncodingLadder(parsing: "180p@300k,120p@150k"),
      gopSeconds: 0.4, segmentDurationSeconds: 0.3, frameLimit: 20)
    configure(&options)
    return (out, try Packager.run(options))
  }

  static func read(_ url: URL) throws -> Data { try Data(contentsOf: url) }

  @Test func theFrameIndexDescribesTheRealFiles() throws {
    let (out, report) = try Self.package()
    defer { try? FileManager.default.removeItem(at: out) }
    let index = try JSONDecoder().decode(
      FrameIndex.self, from: Self.read(out.appendingPathComponent("frame-index.json")))
    #expect(index.frameCount == 20 && report.frameCount == 20)
    #expect(index.gopFrames == 12 && index.segmentDurationFrames == 9)
    #expect(index.timescale == 15360 && index.frameDurationTicks == 512)
    #expect(index.tracks.map(\.id) == ["120p", "180p"])
    for track in index.tracks {
      let directory = out.appendingPathComponent("video/\(track.id)")
      #expect(
        track.headerByteCount
          == (try Self.read(directory.appendingPathComponent("header.mp4")).count))
      #expect(track.segments.map(\.frameCount) == [9, 9, 2])
      for segment in track.segments {
        #expect(
          segment.byteCount
            == (try Self.read(directory.appendingPathComponent("content-\(segment.id).m4s")).count))
      }
      for (n, frame) in track.frames.enumerated() {
        let segment = try Self.read(
          directory.appendingPathComponent("content-\(frame.segmentId).m4s"))
        #expect(
          Array(segment[frame.byteOffset + 4..<frame.byteOffset + 8]) == Array("moof".utf8),
          "frame \(n)")
        #expect(frame.isKeyframe == (n % 12 == 0), "frame \(n)")
        #expect(
          frame.initPacketByteCount
            == (try Self.read(directory.appendingPathComponent("init-\(n).m4s")).count))
        #expect((frame.psnrYDecibels ?? 0) > 25, "frame \(n)")
      }
      let chunkBytes = track.frames.reduce(0) { $0 + $1.chunkByteCount }
      let styp = track.segments.count * 24
      #expect(
        track.segments.reduce(0) { $0 + $1.byteCount } >= chunkBytes + styp - 8
          * track.segments.count)
      #expect(track.codecs.hasPrefix("avc1.64"))
    }
  }

  @Test func theSabreMovieHoldsTheRealSegmentSizesInBits() throws {
    let (out, _) = try Self.package()
    defer { try? FileManager.default.removeItem(at: out) }
    let movie = try JSONDecoder().decode(
      SabreMovie.self, from: Self.read(out.appendingPathComponent("sabre-movie.json")))
    // The rates produced (every continuation byte over the duration), not the targets.
    let index = try JSONDecoder().decode(
      FrameIndex.self, from: Self.read(out.appendingPathComponent("frame-index.json")))
    #expect(movie.bitratesKbps == index.tracks.map { Double($0.averageBitsPerSecond) / 1000 })
    #expect(movie.segmentDurationMs == 300)
    #expect(movie.segmentSizesBits.count == 3)
    for (s, sizes) in movie.segmentSizesBits.enumerated() {
      for (q, id) in ["120p", "180p"].enumerated() {
        let file = out.appendingPathComponent("video/\(id)/content-\(s).m4s")
        #expect(sizes[q] == Double(try Self.read(file).count * 8))
      }
    }
  }

  @Test func theManifestHasTheDraftsRequiredFieldsAndItsPatternsResolveToFiles() throws {
    let (out, _) = try Self.package()
    defer { try? FileManager.default.removeItem(at: out) }
    let data = try Self.read(out.appendingPathComponent("manifest.json"))
    let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    for key in [
      "availabilityDuration", "creationDate", "fallbackPollRate", "manifestVersion",
      "presentations", "streamType",
    ] {
      #expect(root[key] != nil, "root.\(key)")
    }
    #expect(root["manifestVersion"] as? String == "2.0.0")
    #expect(root["streamType"] as? String == "vod")
    let presentation = try #require((root["presentations"] as? [[String: Any]])?.first)
    #expect(presentation["id"] as? String == "0" && presentation["timeBounds"] != nil)
    let set = try #require((presentation["video"] as? [[String: Any]])?.first)
    #expect(set["id"] != nil && set["tracks"] != nil)
    let manifest = try JSONDecoder().decode(Manifest.self, from: data)
    let videoSet = manifest.presentations[0].video[0]
    let initPattern = try #require(videoSet.initializationPattern)
    let continuationPattern = try #require(videoSet.continuationPattern)
    #expect(initPattern.contains("{initId}") && continuationPattern.contains("{segmentId}"))
    for track in videoSet.tracks {
      for key in ["bandwidth", "id", "resolution", "segments"] {
        let tracks = try #require(set["tracks"] as? [[String: Any]])
        #expect(tracks.allSatisfy { $0[key] != nil }, "track.\(key)")
      }
      let base = out.appendingPathComponent(try #require(track.baseUrl))
      #expect(
        FileManager.default.fileExists(atPath: base.appendingPathComponent("header.mp4").path))
      for segment in track.segments {
        let name = Manifest.expand(continuationPattern, placeholder: "segmentId", with: segment.id)
        #expect(
          FileManager.default.fileExists(atPath: base.appendingPathComponent(name).path), "\(name)")
      }
      for n in 0..<20 {
        let name = Manifest.expand(initPattern, placeholder: "initId", with: n)
        #expect(
          FileManager.default.fileExists(atPath: base.appendingPathComponent(name).path), "\(name)")
      }
      #expect(track.bandwidth >= (track.averageBandwidth ?? .max))
      #expect(track.segmentDuration == Manifest.ScaledValue(value: 9 * 512, scale: 15360))
    }
  }

  @Test func packagingTwiceGivesByteIdenticalJSON() throws {
    let (first, _) = try Self.package()
    let (second, _) = try Self.package()
    defer {
      try? FileManager.default.removeItem(at: first)
      try? FileManager.default.removeItem(at: second)
    }
    for name in [
      "manifest.json", "frame-index.json", "sabre-movie.json", "video/180p/init-7.m4s",
      "video/120p/content-1.m4s",
    ] {
      #expect(
        try Self.read(first.appendingPathComponent(name))
          == Self.read(second.appendingPathComponent(name)), "\(name)")
    }
  }

  @Test func aSparseInitStreamHasAPacketEveryIntervalOnly() throws {
    let (out, report) = try Self.package { $0.initIntervalFrames = 5 }
    defer { try? FileManager.default.removeItem(at: out) }
    let index = try JSONDecoder().decode(
      FrameIndex.self, from: Self.read(out.appendingPathComponent("frame-index.json")))
    #expect(index.initializationIntervalFrames == 5)
    for track in index.tracks {
      let withPackets = track.frames.indices.filter { track.frames[$0].initPacketByteCount > 0 }
      #expect(withPackets == [0, 5, 10, 15])
      let files = try FileManager.default.contentsOfDirectory(
        atPath: out.appendingPathComponent("video/\(track.id)").path)
      #expect(
        files.filter { $0.hasPrefix("init-") }.sorted() == [
          "init-0.m4s", "init-10.m4s", "init-15.m4s", "init-5.m4s",
        ])
    }
    #expect(report.tracks.filter { !$0.initSharesParameterSets }.isEmpty)
  }

  @Test func theReportComparesInitPacketsWithTheContinuationIDR() throws {
    let (out, report) = try Self.package()
    defer { try? FileManager.default.removeItem(at: out) }
    for track in report.tracks {
      #expect(track.initSharesParameterSets)
      #expect(track.initToKeyframeRatio > 1)
      #expect(Double(track.initPacketP95ByteCount) >= track.initPacketMeanByteCount * 0.8)
      #expect(track.psnrYDecibels > 25)
      #expect(
        track.averageBitsPerSecond > 0 && track.peakBitsPerSecond >= track.averageBitsPerSecond)
    }
    #expect(report.settings.ladder == ["120p@150k", "180p@300k"])
  }

  @Test func theDefaultLadderOfA180pSourceIsThe144pRungOnly() throws {
    let (out, report) = try Self.package {
      $0.ladder = nil
      $0.frameLimit = 3
    }
    defer { try? FileManager.default.removeItem(at: out) }
    #expect(report.tracks.map(\.id) == ["144p"])
    #expect(report.tracks[0].width == 256)
  }
}
