import Foundation
import HESPABR
import HESPCore
import HESPTestSupport
import HESPTraces
import Testing

@testable import HESPSimulator

/// Sessions over generated extreme traces and movies at the edges of `TraceLimits` and
/// `SimulationLimits`, with every ABR, with and without abandonment and replacement: each ends
/// quickly with finite numbers (complete or stopped at its time limit), and a session's memory
/// does not grow with the number of periods it crosses. The generator is seeded.
@Suite struct SessionFuzzTests {
  static let choices = ABRChoice.names.compactMap {
    ABRChoice(name: $0 == "fixed:N" ? "fixed:0" : $0)
  }

  @Test func sessionsOverExtremeTracesEndWithFiniteResults() {
    var random = SessionFuzzGenerator(seed: 12)
    for i in 0..<60 {
      let trace = random.trace()
      let movie = random.movie()
      #expect(throws: Never.self) { try TraceValidation.validate(trace) }
      #expect(throws: Never.self) { try MovieValidation.validate(movie) }
      var configuration = SessionConfiguration()
      configuration.maximumSessionMs = random.pick([20_000, 60_000, nil])
      configuration.abandonmentEnabled = random.pick([true, false])
      configuration.replacement = random.pick(ReplacementStrategy.allCases)
      configuration.bufferSizeMs = random.pick([1, 1000, 25_000, 86_400_000])
      let choice = Self.choices[i % Self.choices.count]
      let start = ContinuousClock.now
      let result = SegmentSimulation.run(
        movie: movie, trace: trace, choice: choice,
        abrOptions: ABROptions(bufferSizeMs: configuration.bufferSizeMs),
        configuration: configuration
      ).result
      let text = result.summaryLines.joined(separator: "\n").lowercased()
      #expect(
        result.totalPlayTimeMs.isFinite && result.totalPlayTimeMs >= 0 && !text.contains("nan")
          && !text.contains("inf") && result.segmentsDownloaded <= movie.segmentSizesBits.count
          && result.completed == (result.segmentsDownloaded == movie.segmentSizesBits.count),
        "session \(i) (\(choice)): \(text)")
      #expect(ContinuousClock.now - start < .seconds(10), "session \(i) (\(choice)) took too long")
    }
  }

  @Test func aLongStallOverOneMillisecondPeriodsKeepsNoListOfThePeriodsItCrosses() {
    // 10 minutes of content over an all-zero trace of 1 ms periods: the session stalls until its
    // default limit (1,260 s), crossing 1,260,000 periods in one transfer.
    let trace = NetworkTrace(periods: [
      .init(durationMs: 1, bandwidthKbps: 0, latencyMs: 0),
      .init(durationMs: 1, bandwidthKbps: 0, latencyMs: 60_000),
    ])
    let movie = SabreMovie(
      segmentDurationMs: 3000, bitratesKbps: [300, 1000],
      segmentSizesBits: Array(repeating: [1e6, 3e6], count: 200))
    for abandonment in [false, true] {
      var configuration = SessionConfiguration()
      configuration.abandonmentEnabled = abandonment
      var session = SegmentEventSession(
        movie: movie, trace: trace, algorithm: ABRChoice.throughput(options: ABROptions()),
        configuration: configuration)
      let result = session.run()
      #expect(!result.completed && result.totalPlayTimeMs == 1_260_000)
      #expect(session.link.networkTimeMs > 1_260_000 && session.link.enteredPeriods.capacity == 0)
    }
  }

  @Test func alternatingQualitiesEveryMillisecondKeepTheReactionBookkeepingBounded() {
    let trace = NetworkTrace(periods: [
      .init(durationMs: 1, bandwidthKbps: 0, latencyMs: 1),
      .init(durationMs: 1, bandwidthKbps: 1e8, latencyMs: 1),
    ])
    let movie = SabreMovie(
      segmentDurationMs: 1000, bitratesKbps: [100, 1000, 10_000],
      segmentSizesBits: Array(repeating: [1e5, 1e6, 1e7], count: 120))
    var session = SegmentEventSession(
      movie: movie, trace: trace,
      algorithm: ABRChoice.bolae(
        ladder: .init(
          bitratesKbps: movie.bitratesKbps, segmentDurationMs: 1000, segmentCount: 120,
          segmentSizesBits: movie.segmentSizesBits),
        options: ABROptions()),
      configuration: SessionConfiguration())
    let result = session.run()
    #expect(result.completed && result.totalReactionTimeMs.isFinite)
    #expect(session.accounting.reaction.pending.count <= movie.bitratesKbps.count)
    #expect(session.link.enteredPeriods.isEmpty)
  }

  @Test func tracesAndMoviesBeyondTheLimitsAreRefusedByValidation() {
    let bad: [(NetworkTrace, String)] = [
      (
        NetworkTrace(periods: [.init(durationMs: 1e-9, bandwidthKbps: 1, latencyMs: 1)]),
        "[0].duration_ms: period of 1e-09 ms is shorter than the 1 ms minimum"
      ),
      (
        NetworkTrace(periods: [.init(durationMs: 1, bandwidthKbps: 1e308, latencyMs: 1)]),
        "[0].bandwidth_kbps: bandwidth 1e+308 kbps is above the limit of 100000000 kbps (100 Gbit/s)"
      ),
      (
        NetworkTrace(periods: [.init(durationMs: 1, bandwidthKbps: 1, latencyMs: 1e12)]),
        "[0].latency_ms: latency 1000000000000 ms is above the limit of 60000 ms (60 s)"
      ),
      (
        NetworkTrace(periods: [.init(durationMs: 1e300, bandwidthKbps: 1, latencyMs: 1)]),
        "[0].duration_ms: the trace reaches 1e+297 s, beyond the limit of 604800 s (7 days)"
      ),
      (
        NetworkTrace(periods: [.init(durationMs: .nan, bandwidthKbps: 1, latencyMs: 1)]),
        "[0].duration_ms: must be > 0"
      ),
      (
        NetworkTrace(periods: [.init(durationMs: 1, bandwidthKbps: .infinity, latencyMs: 1)]),
        "[0].bandwidth_kbps: must be >= 0"
      ),
      (NetworkTrace(periods: []), "$: the trace has no periods"),
    ]
    for (trace, message) in bad {
      let error = #expect(throws: TraceValidationError.self) { try TraceValidation.validate(trace) }
      #expect(error?.description == message)
    }
    let long = SabreMovie(
      segmentDurationMs: 700_000_000, bitratesKbps: [1], segmentSizesBits: [[1]])
    let error = #expect(throws: MovieValidationError.self) { try MovieValidation.validate(long) }
    #expect(
      error?.description
        == "segment_sizes_bits: content of 700000 s is longer than the limit of 604800 s (7 days)")
    let lengthError = #expect(throws: MovieValidationError.self) {
      try MovieValidation.validateLength(
        SabreMovie(segmentDurationMs: 1, bitratesKbps: [1], segmentSizesBits: [[1]]), seconds: 1e7)
    }
    #expect(
      lengthError?.description
        == "--movie-length: 10000000000 segments are more than the limit of 1000000")
  }
}

/// Seeded traces and movies at the limits (valid, but extreme).
struct SessionFuzzGenerator {
  private var random: SplitMix64
  init(seed: UInt64) { random = SplitMix64(seed: seed) }

  mutating func next() -> UInt64 { random.next() }

  mutating func pick<T>(_ values: [T]) -> T { random.pick(values) }

  mutating func trace() -> NetworkTrace {
    let count = 1 + Int(next() % 6)
    return NetworkTrace(
      periods: (0..<count).map { _ in
        .init(
          durationMs: pick([1, 1, 1.5, 7, 1000, 86_400_000]),
          bandwidthKbps: pick([0, 0, 5e-324, 1e-300, 1, 100, 3000, 1e8]),
          latencyMs: pick([0, 5e-324, 1, 80, 60_000]))
      })
  }

  mutating func movie() -> SabreMovie {
    let levels = 1 + Int(next() % 4)
    let bitrates = (0..<levels).map {
      pick([1.0, 100, 1000, 9e7]) * Double($0 + 1) / Double(levels)
    }
    .sorted().enumerated().map { $0.element + Double($0.offset) * 1e-3 }
    let count = 1 + Int(next() % 30)
    return SabreMovie(
      segmentDurationMs: pick([1, 7, 1000, 3000]), bitratesKbps: bitrates,
      segmentSizesBits: (0..<count).map { _ in
        (0..<levels).map { _ in pick([1, 12_000, 1e6, 1e15]) }
      })
  }
}
