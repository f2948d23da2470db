import Foundation
import HESPABR
import HESPCore
import HESPTraces
import Testing

@testable import HESPProtocols

/// A package with audio: its AAC chunks ride with the video frames they play beside, so every
/// protocol carries them on the link.
@Suite struct AudioContentTests {
  /// The synthetic package plus an audio track of 50 ms frames (timescale 1000) of 100 B
  /// chunks: two per 100 ms video frame, 1,600 bits.
  static func indexWithAudio() -> FrameIndex {
    var index = Synthetic.index()
    let frames = (0..<60).map { n in
      FrameIndex.AudioFrame(
        chunkByteCount: 100, segmentId: n / 20, byteOffset: 24 + (n % 20) * 100,
        decodeTimeTicks: n * 50, durationTicks: 50, initPacketByteCount: 700)
    }
    index.audio = FrameIndex.AudioTrack(
      id: "128k", codecs: "mp4a.40.2", sampleRate: 48_000, channelCount: 2, timescale: 1000,
      averageBitsPerSecond: 16_000, peakBitsPerSecond: 16_000, headerByteCount: 650, frames: frames,
      segments: (0..<3).map { .init(id: $0, firstFrame: $0 * 20, frameCount: 20, byteCount: 2024) })
    return index
  }

  @Test func audioChunksAreAddedToTheVideoFrameTheyStartIn() throws {
    let content = try ProtocolContent(index: Self.indexWithAudio())
    #expect(content.audioChunkBits.count == 30)
    #expect(content.audioChunkBits.allSatisfy { $0 == 1_600 })
    #expect(content.chunkBits(track: 0, frame: 0) == 4_000 + 1_600)
    #expect(content.chunkBits(track: 1, frame: 29) == 8_000 + 1_600)
    #expect(content.initBits(track: 0, frame: 3) == 8_000 + 1_600)
  }

  @Test func everyProtocolDownloadsTheAudioBytesBesideTheVideo() throws {
    for proto in [StreamingProtocol.dash, .hesp] {
      func downloaded(_ index: FrameIndex) throws -> Int {
        var session = FrameSimulationSession(
          content: try ProtocolContent(index: index), trace: Synthetic.constantLink,
          streamingProtocol: proto, algorithm: SwitchAtUnitRule(unit: 1000),
          options: ProtocolOptions())
        return session.run().downloadedByteCount
      }
      let without = try downloaded(Synthetic.index())
      let with = try downloaded(Self.indexWithAudio())
      // 30 frames x 200 B of audio on the lowest track.
      #expect(with - without == 6_000, "\(proto)")
    }
  }

  @Test func anIndexWithoutAudioDecodesAsBeforeAndKeepsNoAudioField() throws {
    let index = Synthetic.index()
    let content = try ProtocolContent(index: index)
    #expect(content.audioChunkBits.isEmpty)
    let json = String(decoding: try JSONEncoder().encode(index), as: UTF8.self)
    #expect(!json.contains("\"audio\""))
  }
}
