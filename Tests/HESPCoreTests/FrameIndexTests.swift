import Foundation
import Testing

@testable import HESPCore

@Suite struct FrameIndexTests {
  @Test func aFrameIndexSurvivesAJSONRoundTrip() throws {
    let frame = FrameIndex.Frame(
      chunkByteCount: 812, segmentId: 0, byteOffset: 24, isKeyframe: true,
      initPacketByteCount: 2100, psnrYDecibels: 41.5)
    let track = FrameIndex.Track(
      id: "360p", width: 640, height: 360, targetBitsPerSecond: 600_000,
      averageBitsPerSecond: 590_000, peakBitsPerSecond: 700_000, headerByteCount: 700,
      codecs: "avc1.64001e", frames: [frame],
      segments: [.init(id: 0, firstFrame: 0, frameCount: 1, byteCount: 836)])
    let index = FrameIndex(
      timescale: 15360, frameDurationTicks: 512, frameCount: 1, segmentDurationFrames: 60,
      gopFrames: 60, initializationIntervalFrames: 1, tracks: [track])
    let data = try JSONEncoder().encode(index)
    #expect(try JSONDecoder().decode(FrameIndex.self, from: data) == index)
    #expect(index.framesPerSecond == 30)
  }

  @Test func aSabreMovieUsesSabresOwnKeys() throws {
    let json =
      #"{"segment_duration_ms":3000,"bitrates_kbps":[230,331],"segment_sizes_bits":[[1,2]]}"#
    let movie = try JSONDecoder().decode(SabreMovie.self, from: Data(json.utf8))
    #expect(movie.segmentDurationMs == 3000)
    #expect(movie.bitratesKbps == [230, 331])
    #expect(movie.segmentSizesBits == [[1, 2]])
  }
}
