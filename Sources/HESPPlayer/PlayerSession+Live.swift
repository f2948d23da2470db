import HESPProtocols

/// `hesp` against a live stream (`hesp live --serve`): the same actions as for a package, with
/// session frame k read as the stream's frame `firstFrame + k`. The init packet is asked for by
/// that number (the server answers at once, or waits briefly for a number about to come); its
/// `initdata` names the held-open continuation, which `LiveFrameReader` reads chunk by chunk as
/// the encoder publishes them.
extension PlayerSession {
  mutating func openLive(track: Int, frame: Int, _ live: LiveStream) async throws {
    reader?.close()
    reader = nil
    liveReader?.close()
    liveReader = nil
    let layout = package.tracks[track]
    let streamFrame = live.firstFrame + frame
    let url = layout.initURL(clipFrame: streamFrame)
    let requestMs = transport.nowMs()
    var initResponse = try await transport.get(url, kind: "init")
    let firstByteMs = transport.nowMs()
    let latencyMs = firstByteMs - requestMs
    lastLatencyMs = latencyMs
    let transport = transport
    var continuation: Task<StreamedResponse, any Error>?
    var target: (segment: Int, offset: Int)?
    var bytes: [UInt8] = []
    while let piece = try await initResponse.next() {
      bytes += piece
      if continuation == nil, let initData = try InitData.find(in: bytes) {
        guard let segment = initData.segment else {
          throw PlayerError.request(url, "the packet points nowhere (the live stream has ended)")
        }
        let offset = initData.offset ?? 0
        target = (segment, offset)
        let segmentURL = layout.segmentURL(segment)
        continuation = Task {
          try await transport.get(
            segmentURL, kind: "continuation", range: "bytes=\(offset)-9007199254740991")
        }
      }
    }
    let endMs = transport.nowMs()
    guard let continuation, let target else {
      throw PlayerError.request(url, "no initdata event")
    }
    receivedInitPacket(
      byteCount: bytes.count, endMs: endMs, firstByteMs: firstByteMs, track: track, frame: frame,
      latencyMs: latencyMs)
    let stream = try await continuation.value
    var reader = LiveFrameReader(
      layout: layout, transport: transport, stream: live, log: liveLog,
      streamFrame: streamFrame + 1, sessionFrame: frame + 1, segment: target.segment)
    reader.adopt(stream)
    liveReader = reader
    let openedMs = transport.nowMs()
    log.record(.openContinuation(nowMs: openedMs, initArrivalMs: endMs))
    core.didOpenContinuation(nowMs: openedMs, initArrivalMs: endMs)
  }

  /// The next frame of the live continuation.
  mutating func liveContinuationFrame() async throws {
    guard var reader = liveReader else {
      throw PlayerError("continuation frame requested with no continuation open")
    }
    let started = transport.nowMs()
    let bytes = try await reader.readFrame()
    liveReader = reader
    let now = transport.nowMs()
    let bits = Double(bytes * 8)
    log.record(.continuationFrame(nowMs: now, bits: bits, transferMs: now - started))
    core.didReceiveContinuationFrame(nowMs: now, bits: bits, transferMs: now - started)
  }
}
