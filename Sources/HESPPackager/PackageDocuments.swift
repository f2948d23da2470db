import Foundation
import HESPCore

/// Builds the JSON documents of a package from the tracks' outcomes: the HESP manifest,
/// `frame-index.json` and `sabre-movie.json`. Pure: the same outcomes give the same bytes.
struct PackageDocuments {
  var outcomes: [TrackOutcome]
  var grid: FrameGrid
  var frameCount: Int
  var gopFrames: Int
  var segmentFrames: Int
  var initIntervalFrames: Int
  /// The manifest's `creationDate`.
  var creationDate: Date
  /// The audio track, nil without one.
  var audio: AudioOutcome? = nil

  static let initializationPattern = PackageLayout.initializationPattern
  static let continuationPattern = PackageLayout.continuationPattern

  func frameIndex() -> FrameIndex {
    FrameIndex(
      timescale: grid.timescale, frameDurationTicks: grid.frameDurationTicks,
      frameCount: frameCount,
      segmentDurationFrames: segmentFrames, gopFrames: gopFrames,
      initializationIntervalFrames: initIntervalFrames, tracks: outcomes.map { $0.indexTrack() },
      audio: audio?.indexTrack())
  }

  func sabreMovie() -> SabreMovie {
    let segmentCount = outcomes.map(\.files.segments.count).min() ?? 0
    let sizes = (0..<segmentCount).map { segment in
      outcomes.map { Double($0.files.segments[segment].byteCount * 8) }
    }
    let durationMs = Int((grid.seconds(ofFrames: segmentFrames) * 1000).rounded())
    return SabreMovie(
      segmentDurationMs: durationMs,
      bitratesKbps: sabreBitratesKbps(),
      segmentSizesBits: sizes)
  }

  /// The Sabre movie's rates: what was produced (every continuation byte over the duration),
  /// or the targets when the produced rates are not strictly ascending (Sabre needs them so;
  /// `sabreBitratesNominal` then says so).
  func sabreBitratesKbps() -> [Double] {
    let produced = outcomes.map { Double($0.averageBitsPerSecond()) / 1000 }
    return producedRatesAscend
      ? produced : outcomes.map { Double($0.plan.targetBitsPerSecond) / 1000 }
  }

  var producedRatesAscend: Bool {
    let produced = outcomes.map { $0.averageBitsPerSecond() }
    return zip(produced, produced.dropFirst()).allSatisfy { $0 < $1 }
  }

  func manifest() -> Manifest {
    let frameRate =
      grid.frameRateDenominator == 1
      ? Manifest.ScaledValue(value: grid.frameRateNumerator)
      : Manifest.ScaledValue(value: grid.frameRateNumerator, scale: grid.frameRateDenominator)
    let tracks = outcomes.map { outcome in
      Manifest.VideoTrack(
        bandwidth: outcome.peakBitsPerSecond(), id: outcome.plan.id,
        resolution: Manifest.Resolution(width: outcome.plan.width, height: outcome.plan.height),
        segments: outcome.files.segments.map { Manifest.SegmentReference(id: $0.id) },
        averageBandwidth: outcome.averageBitsPerSecond(),
        baseUrl: PackageLayout.videoFolder(outcome.plan.id),
        codecs: outcome.files.codecs, frameRate: frameRate,
        segmentDuration: Manifest.ScaledValue(
          value: segmentFrames * grid.frameDurationTicks, scale: grid.timescale),
        startSegmentId: 0, startSequenceNumber: 0, initializationInterval: initIntervalFrames)
    }
    let endTicks = frameCount * grid.frameDurationTicks
    let switchingSet = Manifest.VideoSwitchingSet(
      id: "video", tracks: tracks, continuationPattern: Self.continuationPattern,
      initializationPattern: Self.initializationPattern, frameRate: frameRate, mimeType: "video/mp4"
    )
    let presentation = Manifest.Presentation(
      id: "0",
      timeBounds: Manifest.TimeBounds(startTime: 0, endTime: endTicks, scale: grid.timescale),
      video: [switchingSet],
      audio: audio.map { [$0.switchingSet(segmentDuration: tracks[0].segmentDuration!)] })
    return Manifest(
      availabilityDuration: Manifest.ScaledValue(value: endTicks, scale: grid.timescale),
      creationDate: Manifest.dateTime(creationDate), fallbackPollRate: 300,
      presentations: [presentation],
      streamType: "vod")
  }

  /// JSON with sorted keys (byte-identical for equal values), newline-terminated.
  static func json<T: Encodable>(_ value: T) throws -> [UInt8] {
    Array(try CanonicalJSON.data(value, newline: true))
  }
}
