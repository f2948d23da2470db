import Foundation
import HESPCore
import NIOCore
import Testing

@testable import HESPServer

/// The live store on its own: what a publisher hands over is what a reader gets, at once for
/// the segment being produced, with the live manifest, `now`, the Compatibility rule and the
/// window.
@Suite struct LiveStoreTests {
  static func store(windowFrames: Int = 6, interval: Int = 1) -> LiveStore {
    LiveStore(
      name: "live",
      configuration: LiveStore.Configuration(
        tracks: [LiveStore.Track(id: "90p", width: 160, height: 90, bandwidth: 100_000, codecs: "avc1.64000b", header: [1, 2])],
        frameRateNumerator: 30, frameRateDenominator: 1, timescale: 15360, frameDurationTicks: 512, segmentFrames: 3,
        windowFrames: windowFrames, initIntervalFrames: interval))
  }

  static func bytes(_ resource: StoredResource?) -> [UInt8]? {
    guard let resource, case .memory(let buffer) = resource.bytes else { return nil }
    return Array(buffer.readableBytesView)
  }

  @Test func aReaderOfTheGrowingSegmentGetsWhatIsThereThenEachChunkUntilTheSegmentEnds() async throws {
    let store = Self.store()
    store.publishContinuation(track: 0, frame: 0, segment: 0, bytes: [0, 1, 2, 3])
    let resource = try #require(try await store.segment(track: "90p", id: 0))
    guard case .growing(let growing) = resource.bytes else {
      Issue.record("the segment being produced is not growing")
      return
    }
    let stream = growing.bytes(from: 2)
    store.publishContinuation(track: 0, frame: 1, segment: 0, bytes: [4, 5])
    store.publishContinuation(track: 0, frame: 3, segment: 1, bytes: [9])
    var received: [UInt8] = []
    for await piece in stream { received += piece.readableBytesView }
    #expect(received == [2, 3, 4, 5])
    // Finished: from memory, whole, with a length.
    #expect(Self.bytes(try await store.segment(track: "90p", id: 0)) == [0, 1, 2, 3, 4, 5])
  }

  @Test func theNextSegmentIsHeldOpenAndOthersAre404() async throws {
    let store = Self.store()
    store.publishContinuation(track: 0, frame: 0, segment: 0, bytes: [0])
    let next = try #require(try await store.segment(track: "90p", id: 1))
    guard case .growing(let growing) = next.bytes else {
      Issue.record("the next segment is not held open")
      return
    }
    let stream = growing.bytes(from: 0)
    #expect(try await store.segment(track: "90p", id: 2) == nil)
    store.publishContinuation(track: 0, frame: 3, segment: 1, bytes: [7, 8])
    store.finish()
    var received: [UInt8] = []
    for await piece in stream { received += piece.readableBytesView }
    #expect(received == [7, 8])
    #expect(try await store.segment(track: "90p", id: 2) == nil)
  }

  @Test func nowIsTheNewestPacketAndANumberTakesTheLatestEarlierOneInTheWindow() async throws {
    let store = Self.store(windowFrames: 6, interval: 2)
    for frame in stride(from: 0, through: 10, by: 2) {
      store.publishContinuation(track: 0, frame: frame, segment: frame / 3, bytes: [UInt8(frame)])
      store.publishContinuation(track: 0, frame: frame + 1, segment: (frame + 1) / 3, bytes: [UInt8(frame + 1)])
      store.publishInit(track: 0, frame: frame, bytes: [UInt8(100 + frame)])
    }
    let now = try #require(try await store.initPacket(track: "90p", number: .now))
    #expect(Self.bytes(now) == [110])
    #expect(now.contentLocation == "init-10.m4s")
    #expect(now.cachePolicy == .noStore)
    let seven = try #require(try await store.initPacket(track: "90p", number: .number(7)))
    #expect(Self.bytes(seven) == [106])
    #expect(seven.contentLocation == "init-6.m4s")
    // Frame 2 is more than the window (6 frames) behind the newest (11).
    #expect(try await store.initPacket(track: "90p", number: .number(2)) == nil)
  }

  @Test func theManifestIsLiveAndAdvancesWithTheStream() throws {
    let store = Self.store()
    store.publishContinuation(track: 0, frame: 0, segment: 0, bytes: [0])
    store.publishContinuation(track: 0, frame: 4, segment: 1, bytes: [0])
    let manifest = store.liveManifest()
    #expect(manifest.streamType == "live")
    #expect(manifest.activePresentation == "0")
    #expect(manifest.currentTime == Manifest.ScaledValue(value: 4 * 512, scale: 15360))
    #expect(manifest.timeSource == Manifest.TimeSource(scheme: "urn:mpeg:dash:utc:http-iso:2014", value: "/time"))
    #expect(manifest.availabilityDuration == Manifest.ScaledValue(value: 6 * 512, scale: 15360))
    #expect(manifest.presentations[0].timeBounds.endTime == nil)
    store.finish()
    #expect(store.liveManifest().presentations[0].timeBounds.endTime == 5 * 512)
  }
}
