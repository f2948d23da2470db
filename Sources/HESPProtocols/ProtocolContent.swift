import HESPCore

/// The frame-level view of a package a protocol session replays: per track, each frame's
/// continuation chunk and init packet sizes and whether the continuation frame is a keyframe,
/// the clip looped to the requested length. Built from `frame-index.json` (real packaged sizes).
public struct ProtocolContent: Sendable, Equatable {
  /// Nominal bitrate of each track in kbit/s, ascending.
  public var bitratesKbps: [Double]
  /// Frame duration in ms.
  public var frameMs: Double
  /// Frames of the (looped) content.
  public var frameCount: Int
  /// Frames in the packaged clip.
  public var clipFrameCount: Int
  /// Frames per continuation segment.
  public var segmentFrames: Int
  /// Per track, per clip frame: continuation chunk bits, with the audio chunks that start during
  /// that frame when the package has audio (every protocol fetches them beside the video).
  var chunkBits: [[Double]]
  /// Per clip frame: the audio chunk bits in `chunkBits` (empty without audio).
  public var audioChunkBits: [Double]
  /// Per track, per clip frame: init packet bits (0 = no packet for that frame), with the audio
  /// chunks of that frame when the package has audio.
  var initBits: [[Double]]
  /// Per track, per clip frame: keyframe of the continuation.
  var keyframes: [[Bool]]

  /// - Parameters:
  ///   - durationMs: loop the clip to this length (nil = the clip as is).
  ///   - includingAudio: add the package's audio chunks to the frames (false: a video-only
  ///     player, `ProtocolOptions.videoOnly`).
  /// - Throws: `ProtocolInputError` for an index with no tracks, no frames, or inconsistent tracks.
  public init(index: FrameIndex, durationMs: Double? = nil, includingAudio: Bool = true)
    throws(ProtocolInputError)
  {
    guard !index.tracks.isEmpty else {
      throw ProtocolInputError("frame-index.json: the package has no tracks")
    }
    guard index.timescale > 0, index.frameDurationTicks > 0, index.segmentDurationFrames > 0 else {
      throw ProtocolInputError("frame-index.json: frame timing must be positive")
    }
    let clipFrames = index.tracks[0].frames.count
    guard clipFrames > 0 else {
      throw ProtocolInputError("frame-index.json: the tracks have no frames")
    }
    for track in index.tracks where track.frames.count != clipFrames {
      throw ProtocolInputError(
        "frame-index.json: track \(track.id) has \(track.frames.count) frames, track 0 has \(clipFrames)"
      )
    }
    bitratesKbps = index.tracks.map { Double($0.targetBitsPerSecond) / 1000 }
    for i in 1..<bitratesKbps.count where bitratesKbps[i] <= bitratesKbps[i - 1] {
      throw ProtocolInputError("frame-index.json: track bitrates must be strictly ascending")
    }
    frameMs = Double(index.frameDurationTicks) * 1000 / Double(index.timescale)
    clipFrameCount = clipFrames
    segmentFrames = index.segmentDurationFrames
    let audio =
      includingAudio
      ? index.audio?.chunkBytesPerVideoFrame(of: index).map { Double($0 * 8) } ?? [] : []
    audioChunkBits = audio
    chunkBits = index.tracks.map { track in
      track.frames.enumerated().map { frame, entry in
        Double(entry.chunkByteCount * 8) + (frame < audio.count ? audio[frame] : 0)
      }
    }
    // A join through init packet n still needs frame n's audio: it comes with the packet.
    initBits = index.tracks.map { track in
      track.frames.enumerated().map { frame, entry in
        entry.initPacketByteCount == 0
          ? 0 : Double(entry.initPacketByteCount * 8) + (frame < audio.count ? audio[frame] : 0)
      }
    }
    keyframes = index.tracks.map { $0.frames.map(\.isKeyframe) }
    if let durationMs {
      guard durationMs.isFinite, durationMs >= frameMs else {
        throw ProtocolInputError(
          "--content-duration: \(ProtocolOptions.seconds(durationMs)) s is shorter than one frame (\(ProtocolOptions.seconds(frameMs)) s)"
        )
      }
      frameCount = Int((durationMs / frameMs).rounded(.up))
    } else {
      frameCount = clipFrames
    }
  }

  /// Number of tracks.
  public var trackCount: Int { bitratesKbps.count }

  /// Continuation chunk bits of `frame` (looped) in `track`.
  public func chunkBits(track: Int, frame: Int) -> Double {
    chunkBits[track][frame % clipFrameCount]
  }

  /// Init packet bits of `frame` in `track` (0 = none).
  public func initBits(track: Int, frame: Int) -> Double { initBits[track][frame % clipFrameCount] }

  /// True when the continuation frame is a keyframe (the loop restarts on the clip's first frame,
  /// which is always one).
  public func isKeyframe(track: Int, frame: Int) -> Bool {
    keyframes[track][frame % clipFrameCount]
  }

  /// The frames of the request unit starting at `frame`: a segment (`unitFrames` = segment
  /// frames) or a part; units never cross a segment boundary of the looped content.
  public func unitEnd(from frame: Int, unitFrames: Int) -> Int {
    let segmentEnd = (frame / segmentFrames + 1) * segmentFrames
    return min(frame + unitFrames, segmentEnd, frameCount)
  }
}
