import HESPCore

/// The fallback manifests of a package (`manifest.mpd`, `master.m3u8` and its media playlists,
/// DESIGN.md §2.3) against the frame index, whose entries the box checks hold against the
/// files: every track is listed with its size, codecs and bandwidth, every segment with its
/// file and real duration, in order, and a claim that segments start with a keyframe is true.
/// A package without fallbacks passes (they are optional); one with them is held to them.
enum FallbackCheck {
  /// What a fallback must say about one track: its files and segment durations.
  struct Expected {
    var directory: String
    var segmentFiles: [String]
    /// Each segment's duration in `timescale` ticks.
    var segmentDurations: [Int]
    var timescale: Int
    var peakBitsPerSecond: Int
    var codecs: String
  }

  static func run(_ contents: PackageContents, findings: inout FindingList) {
    let index = contents.frameIndex
    let videos = index.tracks.map { track in
      Expected(
        directory: PackageLayout.videoFolder(track.id),
        segmentFiles: track.segments.map {
          PackageLayout.videoFolder(track.id) + PackageLayout.segment($0.id)
        },
        segmentDurations: track.segments.map { $0.frameCount * index.frameDurationTicks },
        timescale: index.timescale, peakBitsPerSecond: track.peakBitsPerSecond, codecs: track.codecs
      )
    }
    let audio = index.audio.map { track in
      Expected(
        directory: PackageLayout.audioFolder(track.id),
        segmentFiles: track.segments.map {
          PackageLayout.audioFolder(track.id) + PackageLayout.segment($0.id)
        },
        segmentDurations: track.segments.map { segment in
          track.frames[
            segment.firstFrame..<min(track.frames.count, segment.firstFrame + segment.frameCount)
          ]
          .reduce(0) { $0 + $1.durationTicks }
        }, timescale: track.timescale, peakBitsPerSecond: track.peakBitsPerSecond,
        codecs: track.codecs)
    }
    // The frames (by the index) that begin a segment without a keyframe: a fallback cannot join there.
    let notIndependent = index.tracks.compactMap { track -> String? in
      guard
        let segment = track.segments.first(where: {
          !(track.frames.indices.contains($0.firstFrame) && track.frames[$0.firstFrame].isKeyframe)
        })
      else { return nil }
      return PackageLayout.videoFolder(track.id) + PackageLayout.segment(segment.id)
    }.first
    if let bytes = PackageContents.bytes(contents.root, PackageLayout.dashManifest) {
      DASHManifestCheck(
        contents: contents, bytes: bytes, videos: videos, audio: audio,
        notIndependent: notIndependent
      ).run(&findings)
    }
    if let bytes = PackageContents.bytes(contents.root, PackageLayout.hlsMaster) {
      HLSPlaylistCheck(
        contents: contents, masterBytes: bytes, videos: videos, audio: audio,
        notIndependent: notIndependent
      ).run(&findings)
    }
  }

  /// A stated bandwidth that understates the peak over full segments, or overstates it by more
  /// than 10 %, is wrong.
  static func bandwidthProblem(stated: Int, peak: Int) -> Bool {
    stated < peak || Double(stated) > Double(peak) * 1.1 + 1
  }
}
