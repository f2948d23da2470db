extension FrameIndex {
  /// The audio track of a package (`frame-index.json` `audio`, absent without audio): its AAC
  /// frames in their continuation chunks (one chunk per AAC frame), segments aligned with the
  /// video's, and its init packets (header + `initdata` emsg, no sample; one per AAC frame).
  /// Times are ticks of the track's own `timescale` (its sample rate).
  public struct AudioTrack: Codable, Sendable, Equatable {
    /// Track id as in the manifest (`128k`).
    public var id: String
    /// RFC 6381 codec string (`mp4a.40.2`).
    public var codecs: String
    public var sampleRate: Int
    public var channelCount: Int
    /// Ticks per second of `frames[].decodeTimeTicks` (the sample rate).
    public var timescale: Int
    /// Every continuation byte over the video's duration.
    public var averageBitsPerSecond: Int
    /// The largest rate of a full segment.
    public var peakBitsPerSecond: Int
    /// Bytes of `header.mp4`.
    public var headerByteCount: Int
    public var frames: [AudioFrame]
    public var segments: [Segment]

    public init(
      id: String, codecs: String, sampleRate: Int, channelCount: Int, timescale: Int,
      averageBitsPerSecond: Int, peakBitsPerSecond: Int, headerByteCount: Int,
      frames: [AudioFrame], segments: [Segment]
    ) {
      self.id = id
      self.codecs = codecs
      self.sampleRate = sampleRate
      self.channelCount = channelCount
      self.timescale = timescale
      self.averageBitsPerSecond = averageBitsPerSecond
      self.peakBitsPerSecond = peakBitsPerSecond
      self.headerByteCount = headerByteCount
      self.frames = frames
      self.segments = segments
    }

    /// Continuation chunk bytes of the AAC frames that start during each video frame of
    /// `index` (what a player fetches beside that video frame).
    public func chunkBytesPerVideoFrame(of index: FrameIndex) -> [Int] {
      var bytes = Array(repeating: 0, count: index.frameCount)
      guard index.frameCount > 0, timescale > 0 else { return bytes }
      let ticksPerFrame = index.frameDurationTicks * timescale
      for frame in frames {
        let video = min(
          index.frameCount - 1, frame.decodeTimeTicks * index.timescale / ticksPerFrame)
        bytes[max(0, video)] += frame.chunkByteCount
      }
      return bytes
    }
  }

  /// One AAC frame of the audio track.
  public struct AudioFrame: Codable, Sendable, Equatable {
    /// Bytes of its continuation chunk (moof + mdat).
    public var chunkByteCount: Int
    public var segmentId: Int
    /// Byte offset of the chunk's moof in its segment.
    public var byteOffset: Int
    /// Decode (= presentation) time in the track's timescale.
    public var decodeTimeTicks: Int
    public var durationTicks: Int
    /// Bytes of `init-<n>.m4s` (header + emsg).
    public var initPacketByteCount: Int

    public init(
      chunkByteCount: Int, segmentId: Int, byteOffset: Int, decodeTimeTicks: Int,
      durationTicks: Int, initPacketByteCount: Int
    ) {
      self.chunkByteCount = chunkByteCount
      self.segmentId = segmentId
      self.byteOffset = byteOffset
      self.decodeTimeTicks = decodeTimeTicks
      self.durationTicks = durationTicks
      self.initPacketByteCount = initPacketByteCount
    }
  }
}
