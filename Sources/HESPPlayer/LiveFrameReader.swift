import Foundation

/// Reads the frames of one track of a live stream, one after the other, out of its held-open
/// continuation responses: a live server publishes no frame index, so frame boundaries come
/// from the boxes themselves (each chunk is `prft` + `moof` + `mdat`, a segment starts with its
/// `styp`) and each frame's number from its `tfdt`. The first response is the `Range` request
/// after an init packet; each next segment is requested as soon as the previous one's response
/// starts (the server holds the next segment open until it begins), so segment boundaries cost
/// no round trip. Chunks of frames before the one asked for (a packet the Compatibility rule
/// chose earlier) are skipped.
struct LiveFrameReader {
  let layout: TrackLayout
  let transport: HTTPTransport
  let stream: LiveStream
  let log: LiveLatencyLog
  /// The next stream frame wanted.
  private(set) var nextStreamFrame: Int
  /// The session frame the next delivered chunk is delivered as.
  private var nextSessionFrame: Int
  private var response: StreamedResponse?
  private var segment: Int
  private var pending: [UInt8] = []
  /// When the bytes of `pending` arrived: per piece, its end in `pending` and its session ms.
  private var arrivals: [(end: Int, ms: Double)] = []
  private var prefetch: Task<StreamedResponse, any Error>?
  /// NTP time of the chunk's `prft`, when it had one.
  private var capture: Double?

  init(
    layout: TrackLayout, transport: HTTPTransport, stream: LiveStream, log: LiveLatencyLog,
    streamFrame: Int, sessionFrame: Int, segment: Int
  ) {
    self.layout = layout
    self.transport = transport
    self.stream = stream
    self.log = log
    nextStreamFrame = streamFrame
    nextSessionFrame = sessionFrame
    self.segment = segment
  }

  /// Adopts the response of the first request and asks for the next segment at once.
  mutating func adopt(_ first: StreamedResponse) {
    response = first
    startPrefetch()
  }

  mutating func close() {
    response?.cancel()
    response = nil
    prefetch?.cancel()
    prefetch = nil
  }

  /// Reads the next frame's chunk; returns its bytes (`prft`, `moof` and `mdat`).
  mutating func readFrame() async throws -> Int {
    while true {
      if let chunk = try takeChunk() {
        guard chunk.frame >= nextStreamFrame else { continue }
        let arrivalMs = chunk.arrivalMs
        if let ntp = chunk.captureNTP {
          let captureSeconds = ntp - 2_208_988_800 - stream.serverClockOffsetSeconds
          log.record(
            .init(
              streamFrame: chunk.frame, sessionFrame: nextSessionFrame,
              captureMs: (captureSeconds - stream.sessionOriginSeconds) * 1000,
              arrivalMs: arrivalMs))
        }
        nextStreamFrame = chunk.frame + 1
        nextSessionFrame += 1
        return chunk.byteCount
      }
      guard var current = response else {
        throw PlayerError("live continuation read with no response open")
      }
      if let piece = try await current.next() {
        response = current
        pending += piece
        arrivals.append((pending.count, transport.nowMs()))
        continue
      }
      response = nil
      try await openNextSegment()
    }
  }

  /// The segment after the current one: the prefetched response, or a new request.
  private mutating func openNextSegment() async throws {
    segment += 1
    let url = layout.segmentURL(segment)
    var opened: StreamedResponse?
    if let prefetch { opened = try? await prefetch.value }
    prefetch = nil
    if opened == nil { opened = try await transport.get(url, kind: "continuation") }
    response = opened
    pending = []
    arrivals = []
    startPrefetch()
  }

  private mutating func startPrefetch() {
    let url = layout.segmentURL(segment + 1)
    let transport = transport
    prefetch = Task { try await transport.get(url, kind: "continuation") }
  }

  /// One complete chunk from the front of `pending` (a `styp` before it is dropped), or nil
  /// when more bytes are needed.
  private mutating func takeChunk() throws -> (
    frame: Int, byteCount: Int, captureNTP: Double?, arrivalMs: Double
  )? {
    var start = 0
    var captureNTP: Double?
    while let (type, size) = Self.box(at: start, in: pending) {
      guard start + size <= pending.count else { return nil }
      switch type {
      case "styp":
        _ = consume(start + size)
        start = 0
        captureNTP = nil
      case "prft":
        captureNTP = Self.prftSeconds(pending, at: start)
        start += size
      case "moof":
        guard let (mdatType, mdatSize) = Self.box(at: start + size, in: pending) else {
          return nil
        }
        guard mdatType == "mdat" else {
          throw PlayerError.request(layout.segmentURL(segment), "a moof without its mdat")
        }
        guard start + size + mdatSize <= pending.count else { return nil }
        guard let ticks = Self.decodeTime(inMoof: Array(pending[start..<start + size])) else {
          throw PlayerError.request(layout.segmentURL(segment), "a moof without a tfdt")
        }
        let byteCount = start + size + mdatSize
        let arrivalMs = consume(byteCount)
        return (Int(ticks) / stream.frameDurationTicks, byteCount, captureNTP, arrivalMs)
      default:
        throw PlayerError.request(
          layout.segmentURL(segment), "unexpected '\(type)' box in the continuation")
      }
    }
    return nil
  }

  /// Drops the first `count` bytes of `pending`; returns when the last of them arrived.
  private mutating func consume(_ count: Int) -> Double {
    pending.removeFirst(count)
    let arrivedMs = arrivals.first { $0.end >= count }?.ms ?? transport.nowMs()
    arrivals = arrivals.compactMap { $0.end > count ? ($0.end - count, $0.ms) : nil }
    return arrivedMs
  }

  /// Type and size of the box at `offset`, nil when its header has not arrived.
  static func box(at offset: Int, in bytes: [UInt8]) -> (String, Int)? {
    guard offset + 8 <= bytes.count else { return nil }
    let size = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
    let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
    return (type, max(8, size))
  }

  /// The NTP time of a `prft` box (version 1: seconds since 1900 with a 32-bit fraction).
  static func prftSeconds(_ bytes: [UInt8], at start: Int) -> Double? {
    guard start + 24 <= bytes.count else { return nil }
    let ntp = bytes[(start + 16)..<(start + 24)].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    return Double(ntp >> 32) + Double(ntp & 0xFFFF_FFFF) / 4_294_967_296
  }

  /// `tfdt`'s base media decode time in a `moof` (moof > traf > tfdt).
  static func decodeTime(inMoof moof: [UInt8]) -> UInt64? {
    func children(_ range: Range<Int>) -> [(String, Range<Int>)] {
      var result: [(String, Range<Int>)] = []
      var offset = range.lowerBound
      while let (type, size) = box(at: offset, in: moof), offset + size <= range.upperBound {
        result.append((type, offset..<offset + size))
        offset += size
      }
      return result
    }
    for (type, traf) in children(8..<moof.count) where type == "traf" {
      for (inner, tfdt) in children(traf.lowerBound + 8..<traf.upperBound) where inner == "tfdt" {
        let version = moof[tfdt.lowerBound + 8]
        let width = version == 1 ? 8 : 4
        let at = tfdt.lowerBound + 12
        guard at + width <= tfdt.upperBound else { return nil }
        return moof[at..<at + width].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
      }
    }
    return nil
  }
}
