import HESPCore

/// Reads frames, one after the other, out of the continuation segments of one track: the first
/// segment from a byte offset (the `Range` request after an init packet), the next ones whole,
/// each requested shortly before the previous one ends so the stream has no gap of a round trip
/// at segment boundaries. Frame boundaries come from `frame-index.json` (chunk offsets and
/// sizes). The looped content wraps to the clip's first segment.
struct FrameReader {
  let package: PlayerPackage
  let track: Int
  let transport: HTTPTransport
  /// Frames of the (looped) content.
  let contentFrames: Int
  /// The next content frame to read.
  private(set) var nextFrame: Int
  private var response: StreamedResponse?
  private var segment: Int?
  /// Byte position in `segment` of `pending[0]`.
  private var position = 0
  private var pending: [UInt8] = []
  private var prefetch: Task<StreamedResponse, any Error>?
  private var prefetchSegment: Int?
  /// The current response's time to first byte and arrival rate.
  private var timing: PrefetchTiming?

  var layout: TrackLayout { package.tracks[track] }

  /// A reader from content frame `startFrame` on; its first response is handed over with
  /// `adopt` (the `Range` request made after the init packet).
  init(
    package: PlayerPackage, track: Int, startFrame: Int, contentFrames: Int,
    transport: HTTPTransport
  ) {
    self.contentFrames = contentFrames
    self.package = package
    self.track = track
    self.nextFrame = startFrame
    self.transport = transport
  }

  /// Adopts the response of the first request (`Range: bytes=offset-`), for `segment`.
  mutating func adopt(_ first: StreamedResponse, segment: Int, offset: Int) {
    response = first
    self.segment = segment
    position = offset
    pending = []
    timing = PrefetchTiming(latencyMs: first.latencyMs)
  }

  /// Stops reading: the responses in flight are closed.
  mutating func close() {
    response?.cancel()
    response = nil
    prefetch?.cancel()
    prefetch = nil
  }

  /// The segment after `segment` in the looped content.
  func following(_ segment: Int) -> Int {
    let lastFrame = layout.frames.count - 1
    let segmentEnd =
      (layout.segments[segment].map { $0.firstFrame + $0.frameCount - 1 }) ?? lastFrame
    return segmentEnd >= lastFrame
      ? layout.frames[0].segmentId : layout.frames[segmentEnd + 1].segmentId
  }

  /// Reads the next frame; returns its bytes.
  mutating func readFrame() async throws -> Int {
    let clip = package.clipFrame(nextFrame)
    let frame = layout.frames[clip]
    if segment != frame.segmentId || response == nil {
      try await open(segment: frame.segmentId)
    }
    let end = frame.byteOffset + frame.chunkByteCount
    while position + pending.count < end {
      maybePrefetch(remainingBytes: end - position - pending.count, frame: frame)
      guard let piece = try await response?.next() else {
        throw PlayerError.request(
          layout.segmentURL(frame.segmentId), "ended before frame \(clip)'s chunk")
      }
      timing?.received(piece.count, atMs: transport.nowMs())
      pending += piece
    }
    // Bytes before the chunk (the segment's `styp`) are skipped.
    let skip = max(0, frame.byteOffset - position)
    let consumed = skip + frame.chunkByteCount
    pending.removeFirst(min(consumed, pending.count))
    position += consumed
    nextFrame += 1
    if clip + 1 >= layout.frames.count || layout.frames[clip + 1].segmentId != frame.segmentId {
      // The segment is done: read its response to the end (nothing is left but the end of the
      // chunked body), so its connection goes back to the pool; the next segment comes from the
      // prefetch (or a new request).
      while try await response?.next() != nil {}
      response = nil
    }
    return frame.chunkByteCount
  }

  /// Requests the next segment when what is left of this one takes about a round trip.
  private mutating func maybePrefetch(remainingBytes: Int, frame: FrameIndexFrame) {
    guard prefetch == nil, let segment else { return }
    let lastOfSegment =
      layout.segments[segment].map { $0.firstFrame + $0.frameCount } ?? layout.frames.count
    let segmentEnd =
      layout.segments[segment]?.byteCount ?? (frame.byteOffset + frame.chunkByteCount)
    let left = segmentEnd - (position + pending.count)
    let isLastFrame = package.clipFrame(nextFrame) + 1 >= lastOfSegment
    guard let timing, timing.shouldPrefetch(leftBytes: left, isLastFrame: isLastFrame) else {
      return
    }
    // Nothing past the content's end.
    let framesLeftInSegment = lastOfSegment - package.clipFrame(nextFrame)
    guard nextFrame + framesLeftInSegment < contentFrames else { return }
    let next = following(segment)
    let url = layout.segmentURL(next)
    let transport = transport
    prefetchSegment = next
    prefetch = Task { try await transport.get(url, kind: "continuation") }
  }

  private mutating func open(segment next: Int) async throws {
    response?.cancel()
    let opened: StreamedResponse
    if let prefetch, prefetchSegment == next {
      opened = try await prefetch.value
    } else {
      prefetch?.cancel()
      opened = try await transport.get(layout.segmentURL(next), kind: "continuation")
    }
    timing = PrefetchTiming(latencyMs: opened.latencyMs)
    prefetch = nil
    prefetchSegment = nil
    response = opened
    segment = next
    position = 0
    pending = []
  }
}

typealias FrameIndexFrame = FrameIndex.Frame
