import Foundation
import HESPAVC
import HESPCore
import HESPFFmpeg
import HESPMP4
import HESPPackager

/// A source picture handed to the rungs, with its slot on the wall-clock frame grid (its frame
/// number) and when it was captured.
struct CapturedFrame: Sendable {
  var frame: Frame
  var number: Int
  var capture: CaptureTime
}

/// When a frame entered the pipeline: a monotonic instant (latency) and the wall clock (`prft`).
struct CaptureTime: Sendable {
  var instant: ContinuousClock.Instant
  var secondsSince1970: Double
}

/// One rung of the live ladder on two threads (the packager's split, `RenditionEncoder` and
/// `InitStage`): the continuation thread scales, encodes with zero latency (x264 without
/// lookahead or B-frames, one thread: a packet out for every frame in), publishes the chunk
/// (`prft` + moof + mdat; a segment starts with its `styp`) and decodes its own packet (the
/// reconstruction); the init thread encodes the reconstruction as an IDR and publishes the init
/// packet. The continuation never waits for the init stream: when the init thread is behind,
/// that frame's init packet is skipped and counted.
// @unchecked: FFmpeg encoders, decoder and scaler; each used by one of the rung's two threads.
final class LiveRung: @unchecked Sendable {
  let index: Int
  let plan: TrackPlan
  let bytes: TrackBytes
  let header: [UInt8]
  let sourceQueue: BlockingQueue<CapturedFrame>
  /// Frames a rung may hold before the next source frame is dropped.
  let sourceQueueCapacity: Int
  private let initQueue = BlockingQueue<InitWork>(capacity: 4)
  private let continuation: VideoEncoder
  private let reconstruction: VideoDecoder
  private let initEncoder: VideoEncoder
  private var scaler: Scaler?
  private var segment = -1
  private var segmentByteCount = 0
  private var captures: [Int: CaptureTime] = [:]
  private var pointers: [Int: (index: Int, offset: Int)] = [:]
  /// The last continuation frame published (continuation thread; read by the init thread once
  /// the continuation thread has closed the init queue).
  private var lastFrame = -1
  /// The last init packet made: its frame and IDR sample (init thread).
  private var lastInit: (frame: Int, data: [UInt8])?
  /// Decides per frame whether its init packet is made (interval, demand).
  private let wantsInit: @Sendable (Int) -> Bool

  struct InitWork: Sendable {
    var picture: Frame
    var number: Int
    var next: Pointer
  }

  struct Pointer: Sendable {
    var index: Int
    var offset: Int
  }

  /// x264 options that make both encoders emit a packet for every frame sent (no lookahead,
  /// no frame threads' delay), on top of the packager's (`bframes=0:ref=1:...`).
  static let zeroLatencyX264Parameters = ":rc-lookahead=0:sync-lookahead=0:mbtree=0:force-cfr=1"

  init(
    index: Int, plan: TrackPlan, queueCapacity: Int, wantsInit: @escaping @Sendable (Int) -> Bool
  ) throws {
    self.index = index
    self.plan = plan
    self.wantsInit = wantsInit
    sourceQueue = BlockingQueue(capacity: queueCapacity)
    sourceQueueCapacity = queueCapacity
    do {
      var continuationSettings = plan.continuationEncoderSettings
      continuationSettings.x264Parameters += Self.zeroLatencyX264Parameters
      continuation = try VideoEncoder(settings: continuationSettings)
      bytes = try TrackBytes(plan: plan, continuationExtradata: continuation.extradata)
      reconstruction = try VideoDecoder(h264Extradata: continuation.extradata, threadCount: 1)
      var initSettings = plan.initEncoderSettings(
        codedWidth: plan.width, codedHeight: plan.height,
        levelIdc: (try? bytes.configuration.sequenceParameterSet).map { Int($0.levelIndication) })
      initSettings.x264Parameters += Self.zeroLatencyX264Parameters
      initEncoder = try VideoEncoder(settings: initSettings)
      // One header for both streams (DESIGN.md §2.1): the SPS/PPS must be the same bytes.
      guard try AVCConfiguration(extradata: initEncoder.extradata) == bytes.configuration else {
        throw LiveError.encodingFailed(
          track: plan.id, reason: "the init encoder's SPS/PPS differ from the continuation's")
      }
    } catch {
      throw Self.encodingFailure(error, track: plan.id)
    }
    header = bytes.header
  }

  /// The continuation thread's loop: until the source queue closes; then the init queue closes.
  func runContinuation(publish: LivePublication) throws {
    defer { initQueue.close() }
    do {
      while let captured = sourceQueue.pop() {
        let started = ContinuousClock.now
        captures[captured.number] = captured.capture
        scaler = try Scaler.fitting(
          captured.frame, width: plan.width, height: plan.height, current: scaler)
        let scaled = try scaler?.scale(captured.frame) ?? captured.frame
        try continuation.send(scaled, frameNumber: Int64(captured.number))
        try drain(publish: publish, started: started)
      }
      try continuation.send(nil, frameNumber: 0)
      try drain(publish: publish, started: nil)
    } catch {
      throw Self.encodingFailure(error, track: plan.id)
    }
  }

  private func drain(publish: LivePublication, started: ContinuousClock.Instant?) throws {
    while let packet = try continuation.receivePacket() {
      guard let number = packet.presentationTime.map(Int.init),
        let capture = captures.removeValue(forKey: number)
      else {
        throw LiveError.encodingFailed(
          track: plan.id, reason: "continuation packet without a known frame number")
      }
      let isKeyframe = packet.isKeyframe
      let data = try bytes.continuationSampleData(annexB: packet.bytes, isKeyframe: isKeyframe)
      let segmentId = number / plan.segmentFrames
      var chunk: [UInt8] = []
      if segmentId != segment {
        chunk = bytes.segmentType(startsWithSyncSample: isKeyframe)
        segment = segmentId
        segmentByteCount = 0
      }
      let prefixByteCount = chunk.count
      chunk += CMAFWriter.producerReferenceTime(
        trackId: TrackBytes.trackId,
        ntpTimestamp: CMAFWriter.ntpTimestamp(secondsSince1970: capture.secondsSince1970),
        mediaTimeTicks: plan.grid.decodeTimeTicks(ofFrame: number))
      chunk += bytes.chunk(frame: number, data: data, isSync: isKeyframe)
      segmentByteCount += chunk.count
      try publish.continuation(
        rung: index, frame: number, segment: segmentId, bytes: chunk,
        prefixByteCount: prefixByteCount, isKeyframe: isKeyframe, capture: capture,
        stageSeconds: started.map { Self.seconds(ContinuousClock.now - $0) })
      lastFrame = number
      // Init packet n points at frame n+1: here in this segment, or the next one's first chunk.
      let nextSegment = (number + 1) / plan.segmentFrames
      let next =
        nextSegment == segmentId
        ? Pointer(index: segmentId, offset: segmentByteCount)
        : Pointer(index: nextSegment, offset: TrackBytes.segmentTypeByteCount)
      if wantsInit(number) { pointers[number] = (next.index, next.offset) }
      try reconstruction.send(packet)
      while let decoded = try reconstruction.receiveFrame() {
        guard let decodedNumber = decoded.presentationTime.map(Int.init),
          let pointer = pointers.removeValue(forKey: decodedNumber)
        else { continue }
        if !initQueue.tryPush(
          InitWork(
            picture: decoded, number: decodedNumber,
            next: Pointer(index: pointer.index, offset: pointer.offset)))
        {
          publish.statistics.skippedInit(rung: index)
        }
      }
    }
  }

  /// The init thread's loop: until the continuation thread closes its queue.
  func runInit(publish: LivePublication) throws {
    do {
      while let work = initQueue.pop() {
        let started = ContinuousClock.now
        try initEncoder.send(work.picture, frameNumber: Int64(work.number))
        try drainInit(publish: publish, next: work.next, started: started)
      }
      try initEncoder.send(nil, frameNumber: 0)
      try drainInit(publish: publish, next: nil, started: nil)
      // The continuation has ended (it closed the queue): the last frame's packet points nowhere.
      if let lastInit, lastInit.frame == lastFrame {
        try publish.lastInitPacket(
          rung: index, frame: lastInit.frame,
          bytes: bytes.initPacket(
            header: header, frame: lastInit.frame, data: lastInit.data, next: nil))
      }
    } catch {
      throw Self.encodingFailure(error, track: plan.id)
    }
  }

  private func drainInit(
    publish: LivePublication, next: Pointer?, started: ContinuousClock.Instant?
  ) throws {
    while let packet = try initEncoder.receivePacket() {
      guard let number = packet.presentationTime.map(Int.init), packet.isKeyframe else {
        throw LiveError.encodingFailed(track: plan.id, reason: "init packet is not a keyframe")
      }
      let data = try NALUnits.lengthPrefixed(fromAnnexB: packet.bytes)
      lastInit = (number, data)
      let packetBytes = bytes.initPacket(
        header: header, frame: number, data: data, next: next.map { ($0.index, $0.offset) })
      // Counted first: a reader of /stats never sees a packet it could not count yet.
      if let started {
        publish.statistics.encodedInit(
          rung: index, seconds: Self.seconds(ContinuousClock.now - started))
      }
      try publish.initPacket(rung: index, frame: number, bytes: packetBytes)
    }
  }

  /// An FFmpeg, MP4 or H.264 error of a rung's encoders as the stream's error naming the track;
  /// any other error as it is.
  static func encodingFailure(_ error: any Error, track: String) -> any Error {
    switch error {
    case let error as FFmpegError: LiveError.encodingFailed(track: track, reason: error.description)
    case let error as MP4Error: LiveError.encodingFailed(track: track, reason: error.description)
    case let error as AVCError: LiveError.encodingFailed(track: track, reason: error.description)
    default: error
    }
  }

  static func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
  }
}
