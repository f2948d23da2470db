import Foundation
import HESPTestSupport
import Testing

@testable import HESPCore

@Suite struct ManifestTests {
  static func sample() -> Manifest {
    let track = Manifest.VideoTrack(
      bandwidth: 3_400_000, id: "720p", resolution: .init(width: 1280, height: 720),
      segments: [.init(id: 0), .init(id: 1)], averageBandwidth: 2_950_000, baseUrl: "video/720p/",
      codecs: "avc1.64001f", frameRate: .init(value: 25),
      segmentDuration: .init(value: 25600, scale: 12800),
      startSegmentId: 0, startSequenceNumber: 0, initializationInterval: 1)
    let set = Manifest.VideoSwitchingSet(
      id: "video", tracks: [track], continuationPattern: "content-{segmentId}.m4s",
      initializationPattern: "init-{initId}.m4s", frameRate: .init(value: 25), mimeType: "video/mp4"
    )
    return Manifest(
      availabilityDuration: .init(value: 51200, scale: 12800),
      creationDate: "2024-04-17T12:00:00.000Z",
      fallbackPollRate: 300,
      presentations: [
        .init(id: "0", timeBounds: .init(startTime: 0, endTime: 51200, scale: 12800), video: [set])
      ],
      streamType: "vod")
  }

  @Test func aManifestIsWrittenWithSortedKeysAsTheGoldenFile() throws {
    let text = String(decoding: try Self.sample().jsonData(), as: UTF8.self)
    #expect(text == (try GoldenFile.expected("manifest-vod.json", actual: text)))
  }

  @Test func aManifestSurvivesAJSONRoundTrip() throws {
    let manifest = Self.sample()
    #expect(try JSONDecoder().decode(Manifest.self, from: manifest.jsonData()) == manifest)
  }

  @Test func absentOptionalFieldsAreLeftOut() throws {
    var manifest = Self.sample()
    manifest.presentations[0].video[0].tracks[0].codecs = nil
    let text = String(decoding: try manifest.jsonData(), as: UTF8.self)
    #expect(!text.contains("codecs"))
    #expect(!text.contains("null"))
  }

  @Test func aPresentationWithoutVideoDecodesWithAnEmptyList() throws {
    let json = #"{"id":"1","timeBounds":{"startTime":0}}"#
    let presentation = try JSONDecoder().decode(Manifest.Presentation.self, from: Data(json.utf8))
    #expect(presentation.video.isEmpty)
    #expect(presentation.timeBounds.startTime == 0)
  }

  @Test func patternsExpandWithAndWithoutZeroPadding() {
    #expect(Manifest.expand("init-{initId}.m4s", placeholder: "initId", with: 42) == "init-42.m4s")
    #expect(
      Manifest.expand("c-{segmentId:06d}.m4s", placeholder: "segmentId", with: 100)
        == "c-000100.m4s")
    #expect(
      Manifest.expand("c-{segmentId:02d}.m4s", placeholder: "segmentId", with: 100) == "c-100.m4s")
  }

  @Test func dateTimesHaveMillisecondsAndUTC() {
    #expect(
      Manifest.dateTime(Date(timeIntervalSince1970: 1_713_355_200)) == "2024-04-17T12:00:00.000Z")
  }
}
