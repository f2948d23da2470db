import Foundation
import HESPCore
import Synchronization

/// A live stream (`hesp live --serve`) as the player sees it: the live manifest's timing
/// (`currentTime`, the frame grid, the segment duration) and tracks, where session frame 0 lies
/// in the stream, and the server's clock (`timeSource`, `/time`).
///
/// The decisions (`ProtocolCore` with `live`) number the session's frames from 0: frame k is
/// available at `(k + 1 - headStart)` frame intervals of session time, so frame `headStart - 1`
/// is the newest at the session's start. The player anchors that frame on the stream's newest
/// frame when the session starts (`currentTime` of a fresh manifest): stream frame =
/// `firstFrame + k`.
struct LiveStream: Sendable {
  var timescale: Int
  var frameDurationTicks: Int
  var segmentFrames: Int
  /// The stream's newest frame when the manifest was read.
  var newestFrame: Int
  /// The stream's frame of session frame 0.
  var firstFrame = 0
  /// Seconds to add to this machine's wall clock to read the server's (from `timeSource`).
  var serverClockOffsetSeconds = 0.0
  /// This machine's wall clock (seconds since 1970) at session time 0.
  var sessionOriginSeconds = 0.0

  var frameMs: Double { Double(frameDurationTicks) * 1000 / Double(timescale) }

  /// The live timing of `manifest`'s active presentation; nil for a VoD manifest.
  /// - Throws: `PlayerError` when a live manifest lacks what a player needs.
  static func timing(_ manifest: Manifest, url: String) throws -> LiveStream? {
    guard manifest.streamType == "live" else { return nil }
    guard let presentation = activePresentation(manifest), let set = presentation.video.first,
      let track = set.tracks.first
    else { throw PlayerError.request(url, "the live manifest has no video track") }
    guard let rate = track.frameRate ?? set.frameRate, rate.value > 0,
      let segment = track.segmentDuration,
      let timescale = segment.scale ?? presentation.timeBounds.scale,
      timescale > 0
    else {
      throw PlayerError.request(url, "the live manifest gives no frame rate or segment duration")
    }
    let frameDurationTicks = timescale * (rate.scale ?? 1) / rate.value
    guard frameDurationTicks > 0, segment.value % frameDurationTicks == 0 else {
      throw PlayerError.request(url, "the live manifest's frame grid is not whole ticks")
    }
    guard let current = manifest.currentTime else {
      throw PlayerError.request(url, "the live manifest has no currentTime")
    }
    let currentTicks = current.value * timescale / (current.scale ?? 1)
    return LiveStream(
      timescale: timescale, frameDurationTicks: frameDurationTicks,
      segmentFrames: segment.value / frameDurationTicks,
      newestFrame: currentTicks / frameDurationTicks)
  }

  /// The presentation `activePresentation` names (the first without one).
  static func activePresentation(_ manifest: Manifest) -> Manifest.Presentation? {
    manifest.presentations.first { $0.id == manifest.activePresentation }
      ?? manifest.presentations.first
  }

  /// The frame index the decisions run on: a live stream publishes none, so each track is one
  /// segment of frames at its nominal rate (`bandwidth`), a keyframe first, an init packet per
  /// `initializationInterval` frames (about an IDR: ten frames' bytes). Only the ABR's view of the
  /// rungs comes from these sizes; what the player measures comes from the bytes it receives.
  static func frameIndex(_ manifest: Manifest, timing: LiveStream) -> FrameIndex {
    let set = activePresentation(manifest)?.video.first
    let tracks = (set?.tracks ?? []).sorted { $0.bandwidth < $1.bandwidth }.map { track in
      let chunk = max(
        1, Int(Double(track.bandwidth) * timing.frameMs / 1000 / 8))
      let interval = max(1, track.initializationInterval ?? 1)
      let frames = (0..<timing.segmentFrames).map { frame in
        FrameIndex.Frame(
          chunkByteCount: chunk, segmentId: 0, byteOffset: 24 + frame * chunk,
          isKeyframe: frame == 0, initPacketByteCount: frame % interval == 0 ? 10 * chunk : 0)
      }
      return FrameIndex.Track(
        id: track.id, width: track.resolution.width, height: track.resolution.height,
        targetBitsPerSecond: track.bandwidth, averageBitsPerSecond: track.bandwidth,
        peakBitsPerSecond: track.bandwidth, headerByteCount: 0, codecs: track.codecs ?? "",
        frames: frames,
        segments: [
          FrameIndex.Segment(
            id: 0, firstFrame: 0, frameCount: timing.segmentFrames,
            byteCount: 24 + timing.segmentFrames * chunk)
        ])
    }
    return FrameIndex(
      timescale: timing.timescale, frameDurationTicks: timing.frameDurationTicks,
      frameCount: timing.segmentFrames, segmentDurationFrames: timing.segmentFrames,
      gopFrames: timing.segmentFrames,
      initializationIntervalFrames: set?.tracks.first?.initializationInterval ?? 1, tracks: tracks)
  }

  /// The server's wall clock minus this machine's, in seconds, from an ISO 8601 time read
  /// between `sentSeconds` and `receivedSeconds` (its middle is taken as the server's moment).
  static func clockOffset(serverTime text: String, sentSeconds: Double, receivedSeconds: Double)
    -> Double?
  {
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    guard
      let date = (try? withFraction.parse(trimmed))
        ?? (try? Date.ISO8601FormatStyle().parse(trimmed))
    else { return nil }
    return date.timeIntervalSince1970 - (sentSeconds + receivedSeconds) / 2
  }
}

/// What the player measured of each live frame it received: the stream's frame number, its
/// capture time (the chunk's `prft`, on this machine's clock) and its arrival, in session ms.
final class LiveLatencyLog: Sendable {
  struct Sample: Sendable, Equatable {
    var streamFrame: Int
    /// The session frame it was delivered as.
    var sessionFrame: Int
    var captureMs: Double
    var arrivalMs: Double
  }

  private let samples = Mutex<[Sample]>([])

  func record(_ sample: Sample) { samples.withLock { $0.append(sample) } }

  var all: [Sample] { samples.withLock { $0 } }
}
