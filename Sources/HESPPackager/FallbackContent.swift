import Foundation
import HESPCore

/// What the DASH MPD and the HLS playlists of a package describe (DESIGN.md §2.3, fallback):
/// the same continuation files a HESP player reads, for players without HESP. Written only when
/// every continuation segment starts with a keyframe (GOP = segment, or a multiple of it), as
/// DASH (`startWithSAP`) and HLS (`EXT-X-INDEPENDENT-SEGMENTS`) require.
struct FallbackContent: Sendable, Equatable {
  struct Video: Sendable, Equatable {
    var id: String
    var width: Int
    var height: Int
    /// Pixel aspect ratio (`1:1` for square pixels).
    var sarWidth: Int
    var sarHeight: Int
    var codecs: String
    var peakBitsPerSecond: Int
    var averageBitsPerSecond: Int
  }

  struct Audio: Sendable, Equatable {
    var id: String
    var codecs: String
    var sampleRate: Int
    var channelCount: Int
    /// ISO 639-2 (`und` when unknown).
    var language: String
    var peakBitsPerSecond: Int
    var averageBitsPerSecond: Int
    /// Ticks per second of `segmentDurations` (the sample rate).
    var timescale: Int
    /// Each segment's duration (sum of its AAC frames), ticks.
    var segmentDurations: [Int]
  }

  var videos: [Video]
  /// The video timeline, shared by every rung: ticks per second, frame rate and each segment's
  /// duration.
  var timescale: Int
  var frameRateNumerator: Int
  var frameRateDenominator: Int
  var segmentDurations: [Int]
  var audio: Audio?

  static let playlistName = PackageLayout.mediaPlaylist

  /// Seconds of the whole presentation (the video's).
  var durationSeconds: Double { Double(segmentDurations.reduce(0, +)) / Double(timescale) }

  /// The fallback of a package, or nil when a continuation segment of some rung does not start
  /// with a keyframe (HESP alone can join those).
  init?(_ documents: PackageDocuments) {
    for outcome in documents.outcomes {
      for segment in outcome.files.segments
      where
        !(outcome.files.frames.indices.contains(segment.firstFrame)
        && outcome.files.frames[segment.firstFrame].isKeyframe)
      {
        return nil
      }
    }
    guard let first = documents.outcomes.first else { return nil }
    videos = documents.outcomes.map { outcome in
      Video(
        id: outcome.plan.id, width: outcome.plan.width, height: outcome.plan.height,
        sarWidth: outcome.plan.pixelAspectWidth, sarHeight: outcome.plan.pixelAspectHeight,
        codecs: outcome.files.codecs, peakBitsPerSecond: outcome.peakBitsPerSecond(),
        averageBitsPerSecond: outcome.averageBitsPerSecond())
    }
    let grid = documents.grid
    timescale = grid.timescale
    frameRateNumerator = grid.frameRateNumerator
    frameRateDenominator = grid.frameRateDenominator
    segmentDurations = first.files.segments.map { $0.frameCount * grid.frameDurationTicks }
    audio = documents.audio.map { audio in
      Audio(
        id: audio.id, codecs: audio.files.codecs, sampleRate: audio.sampleRate,
        channelCount: audio.channelCount, language: audio.language,
        peakBitsPerSecond: audio.files.peakBitsPerSecond,
        averageBitsPerSecond: audio.files.averageBitsPerSecond, timescale: audio.sampleRate,
        segmentDurations: audio.files.segments.map { segment in
          audio.files.frames[segment.firstFrame..<segment.firstFrame + segment.frameCount]
            .reduce(0) { $0 + $1.durationTicks }
        })
    }
  }

  init(
    videos: [Video], timescale: Int, frameRateNumerator: Int, frameRateDenominator: Int,
    segmentDurations: [Int], audio: Audio?
  ) {
    self.videos = videos
    self.timescale = timescale
    self.frameRateNumerator = frameRateNumerator
    self.frameRateDenominator = frameRateDenominator
    self.segmentDurations = segmentDurations
    self.audio = audio
  }

  /// Every fallback file: path in the package -> text.
  func files() -> [(path: String, text: String)] {
    var files = [
      (PackageLayout.dashManifest, DASHManifest.text(self)),
      (PackageLayout.hlsMaster, HLSPlaylists.master(self)),
    ]
    let video = HLSPlaylists.media(
      timescale: timescale, segmentDurations: segmentDurations)
    files += videos.map { (PackageLayout.videoFolder($0.id) + Self.playlistName, video) }
    if let audio {
      files.append(
        (
          PackageLayout.audioFolder(audio.id) + Self.playlistName,
          HLSPlaylists.media(timescale: audio.timescale, segmentDurations: audio.segmentDurations)
        ))
    }
    return files
  }

  /// `value` / `scale` seconds with 3 decimals, as xs:duration (`PT2.000S`).
  static func isoDuration(_ seconds: Double) -> String {
    "PT" + String(format: "%.3f", seconds) + "S"
  }
}
