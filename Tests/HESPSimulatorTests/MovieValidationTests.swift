import HESPCore
import HESPTraces
import Testing

@testable import HESPSimulator

@Suite struct MovieValidationTests {
  @Test func bitratesThatAreNotAscendingAreRejectedWithTheirPath() {
    let movie = SabreMovie(
      segmentDurationMs: 3000, bitratesKbps: [300, 200], segmentSizesBits: [[1, 2]])
    #expect(
      throws: MovieValidationError(
        path: "bitrates_kbps[1]", reason: "bitrates must be strictly ascending")
    ) {
      try MovieValidation.validate(movie)
    }
  }

  @Test func aSegmentRowOfTheWrongLengthIsRejectedWithItsPath() {
    let movie = SabreMovie(
      segmentDurationMs: 3000, bitratesKbps: [300, 600], segmentSizesBits: [[1, 2], [3]])
    #expect(
      throws: MovieValidationError(
        path: "segment_sizes_bits[1]", reason: "has 1 sizes, expected 2 (one per bitrate)")
    ) {
      try MovieValidation.validate(movie)
    }
  }

  @Test func sabresMoviesAreValid() throws {
    try MovieValidation.validate(try Fixtures.sabreMovie("movie"))
    try MovieValidation.validate(try Fixtures.sabreMovie("bbb4k"))
  }

  @Test func aMovieLengthRepeatsTheSegmentsLikeSabre() throws {
    let movie = try Fixtures.sabreMovie("movie")
    let long = MovieValidation.withLength(movie, seconds: 1000)
    #expect(long.segmentSizesBits.count == 334)
    #expect(long.segmentSizesBits[199] == movie.segmentSizesBits[0])
  }

  @Test func aPeriodOfZeroDurationIsRejected() {
    let trace = NetworkTrace(periods: [.init(durationMs: 0, bandwidthKbps: 100, latencyMs: 0)])
    #expect(throws: TraceValidationError(path: "[0].duration_ms", reason: "must be > 0")) {
      try TraceValidation.validate(trace)
    }
  }

  @Test func anEmptyTraceIsRejected() {
    #expect(throws: TraceValidationError.self) {
      try TraceValidation.validate(NetworkTrace(periods: []))
    }
  }

  @Test func aPackagesFrameIndexBecomesAMovieWithSegmentSizesInBits() throws {
    func track(_ kbps: Int, _ bytes: [Int]) -> FrameIndex.Track {
      FrameIndex.Track(
        id: "\(kbps)k", width: 640, height: 360, targetBitsPerSecond: kbps * 1000,
        averageBitsPerSecond: kbps * 1000, peakBitsPerSecond: kbps * 1000, headerByteCount: 700,
        codecs: "avc1.64001e", frames: [],
        segments: bytes.enumerated().map {
          FrameIndex.Segment(
            id: $0.offset, firstFrame: $0.offset * 50, frameCount: 50, byteCount: $0.element)
        })
    }
    let index = FrameIndex(
      timescale: 12_800, frameDurationTicks: 512, frameCount: 100, segmentDurationFrames: 50,
      gopFrames: 50, initializationIntervalFrames: 1,
      tracks: [track(400, [100_000, 90_000]), track(1200, [300_000, 280_000])])
    let movie = try PackageMovie.movie(from: index)
    #expect(movie.segmentDurationMs == 2000)
    #expect(movie.bitratesKbps == [400, 1200])
    #expect(movie.segmentSizesBits == [[800_000, 2_400_000], [720_000, 2_240_000]])
  }
}
