import Foundation
import HESPCore
import HESPPackager
import Synchronization

/// What `-o` recorded of one track, frame by frame, for the package documents written when the
/// stream ends (`frame-index.json`, `sabre-movie.json`, the VoD `manifest.json`): where each
/// continuation chunk lies (its `prft`, `moof` and `mdat`, after the segment's `styp`), which
/// frames are keyframes, each segment's bytes, and the byte count of every init packet written.
final class RecordedTrack: Sendable {
  let plan: TrackPlan
  let codecs: String
  let headerByteCount: Int
  private let state = Mutex(State())

  struct State {
    var frames: [FrameIndex.Frame] = []
    var segments: [FrameIndex.Segment] = []
    var initPacketBytes: [Int: Int] = [:]
  }

  init(plan: TrackPlan, codecs: String, headerByteCount: Int) {
    self.plan = plan
    self.codecs = codecs
    self.headerByteCount = headerByteCount
  }

  /// Continuation frame `frame` was appended to `segment`: `byteCount` bytes, the first
  /// `prefixByteCount` of them the segment's `styp` (a segment's first chunk).
  func addChunk(frame: Int, segment: Int, byteCount: Int, prefixByteCount: Int, isKeyframe: Bool) {
    state.withLock { state in
      if state.segments.last?.id != segment {
        state.segments.append(
          FrameIndex.Segment(id: segment, firstFrame: frame, frameCount: 0, byteCount: 0))
      }
      let offset = state.segments[state.segments.count - 1].byteCount + prefixByteCount
      state.segments[state.segments.count - 1].frameCount += 1
      state.segments[state.segments.count - 1].byteCount += byteCount
      state.frames.append(
        FrameIndex.Frame(
          chunkByteCount: byteCount - prefixByteCount, segmentId: segment, byteOffset: offset,
          isKeyframe: isKeyframe, initPacketByteCount: 0))
    }
  }

  /// Init packet `frame` was written (`byteCount` bytes; again when it is rewritten).
  func addInitPacket(frame: Int, byteCount: Int) {
    state.withLock { $0.initPacketBytes[frame] = byteCount }
  }

  /// The track's entry of the frame index, cut to `frameCount` frames.
  func indexTrack(frameCount: Int) -> FrameIndex.Track {
    let (frames, segments) = state.withLock { state in
      var frames = Array(state.frames.prefix(frameCount))
      for index in frames.indices {
        frames[index].initPacketByteCount = state.initPacketBytes[index] ?? 0
      }
      return (frames, state.segments)
    }
    let grid = plan.grid
    let total = segments.reduce(0) { $0 + $1.byteCount }
    let seconds = grid.seconds(ofFrames: frames.count)
    let full = segments.filter { $0.frameCount >= plan.segmentFrames }
    let peak =
      (full.isEmpty ? segments : full).map {
        Int((Double($0.byteCount * 8) / grid.seconds(ofFrames: max(1, $0.frameCount))).rounded())
      }.max() ?? 0
    return FrameIndex.Track(
      id: plan.id, width: plan.width, height: plan.height,
      targetBitsPerSecond: plan.targetBitsPerSecond,
      averageBitsPerSecond: seconds > 0 ? Int((Double(total * 8) / seconds).rounded()) : 0,
      peakBitsPerSecond: peak, headerByteCount: headerByteCount, codecs: codecs, frames: frames,
      segments: segments)
  }

  var frameCount: Int { state.withLock { $0.frames.count } }
}

/// The documents that make a finished recording a VoD package, as `hesp package` writes them
/// (`PackageDocuments`): the frame index of what was recorded, the Sabre movie, and the live
/// manifest turned VoD (every segment listed, bandwidths from the segment sizes, the recorded
/// duration).
struct RecordingDocuments {
  var frameIndex: FrameIndex
  var sabreMovie: SabreMovie
  var manifest: Manifest

  init(tracks: [RecordedTrack], live: Manifest) {
    let plan = tracks[0].plan
    let grid = plan.grid
    let frameCount = tracks.map(\.frameCount).min() ?? 0
    let indexTracks = tracks.map { $0.indexTrack(frameCount: frameCount) }
    frameIndex = FrameIndex(
      timescale: grid.timescale, frameDurationTicks: grid.frameDurationTicks,
      frameCount: frameCount, segmentDurationFrames: plan.segmentFrames,
      gopFrames: plan.gopFrames, initializationIntervalFrames: plan.initIntervalFrames,
      tracks: indexTracks)
    let produced = indexTracks.map { Double($0.averageBitsPerSecond) / 1000 }
    let ascending = zip(produced, produced.dropFirst()).allSatisfy { $0 < $1 }
    let segmentCount = indexTracks.map(\.segments.count).min() ?? 0
    sabreMovie = SabreMovie(
      segmentDurationMs: Int((grid.seconds(ofFrames: plan.segmentFrames) * 1000).rounded()),
      bitratesKbps: ascending
        ? produced : indexTracks.map { Double($0.targetBitsPerSecond) / 1000 },
      segmentSizesBits: (0..<segmentCount).map { segment in
        indexTracks.map { Double($0.segments[segment].byteCount * 8) }
      })
    var manifest = live
    let endTicks = frameCount * grid.frameDurationTicks
    manifest.streamType = "vod"
    manifest.activePresentation = nil
    manifest.currentTime = nil
    manifest.timeSource = nil
    manifest.fallbackPollRate = 300
    manifest.availabilityDuration = Manifest.ScaledValue(value: endTicks, scale: grid.timescale)
    for p in manifest.presentations.indices {
      manifest.presentations[p].timeBounds = Manifest.TimeBounds(
        startTime: 0, endTime: endTicks, scale: grid.timescale)
      for s in manifest.presentations[p].video.indices {
        for t in manifest.presentations[p].video[s].tracks.indices {
          let id = manifest.presentations[p].video[s].tracks[t].id
          guard let track = indexTracks.first(where: { $0.id == id }) else { continue }
          manifest.presentations[p].video[s].tracks[t].segments = track.segments.map {
            Manifest.SegmentReference(id: $0.id)
          }
          manifest.presentations[p].video[s].tracks[t].bandwidth = track.peakBitsPerSecond
          manifest.presentations[p].video[s].tracks[t].averageBandwidth =
            track.averageBitsPerSecond
        }
      }
    }
    self.manifest = manifest
  }
}
