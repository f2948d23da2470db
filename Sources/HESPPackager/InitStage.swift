import Foundation
import HESPAVC
import HESPFFmpeg
import HESPMP4

/// The second thread of a rendition: encodes init IDRs from the continuation's reconstruction
/// and writes every file of the track (`TrackWriter`). Fed in frame order by `RenditionEncoder`.
final class InitStage: @unchecked Sendable {
  /// What the continuation stage hands over, in frame order.
  enum Event: Sendable {
    /// Continuation packet of `frame` (Annex B).
    case continuationChunk(frame: Int, annexB: [UInt8], isKeyframe: Bool)
    /// The decoded continuation frame `frame` (uncropped with `--init-lossless`).
    case reconstruction(frame: Int, Frame)
  }

  let queue = BlockingQueue<Event>(capacity: 16)
  private let plan: TrackPlan
  private let continuationExtradata: [UInt8]
  private let onFrameDone: @Sendable (Int) -> Void
  private let finished = DispatchSemaphore(value: 0)
  private let lock = NSLock()
  private var outcome: Result<TrackWriter.Result, any Error>?
  private var isJoined = false

  init(
    plan: TrackPlan, continuationExtradata: [UInt8], onFrameDone: @escaping @Sendable (Int) -> Void
  ) {
    self.plan = plan
    self.continuationExtradata = continuationExtradata
    self.onFrameDone = onFrameDone
  }

  func start() {
    let thread = Thread { [self] in
      let result = Result { try self.run() }
      if case .failure = result { self.queue.cancel() }
      self.lock.lock()
      self.outcome = result
      self.lock.unlock()
      self.finished.signal()
    }
    thread.name = "hesp-init-\(plan.id)"
    thread.stackSize = 8 << 20
    thread.start()
  }

  /// Ends the input (or cancels it after a failure upstream) and waits for the files.
  func finish(cancelled: Bool = false) throws -> TrackWriter.Result {
    if cancelled { queue.cancel() } else { queue.close() }
    lock.lock()
    let mustWait = !isJoined
    isJoined = true
    lock.unlock()
    if mustWait { finished.wait() }
    lock.lock()
    defer { lock.unlock() }
    guard let outcome else {
      throw PackagingError.encodingFailed(track: plan.id, reason: "init stage ended without result")
    }
    return try outcome.get()
  }

  private func run() throws -> TrackWriter.Result {
    let writer = TrackWriter(plan: plan)
    try writer.start(continuationExtradata: continuationExtradata)
    var encoder: VideoEncoder?
    var measure: InitPictureMeasure?
    func drain() throws {
      guard let encoder else { return }
      while let packet = try encoder.receivePacket() {
        guard let frame = packet.presentationTime, packet.isKeyframe else {
          throw PackagingError.encodingFailed(
            track: plan.id, reason: "init packet is not a keyframe")
        }
        let bytes = packet.bytes
        let squaredError = try measure?.measure(Int(frame), annexB: bytes)
        try writer.addInit(frame: Int(frame), annexB: bytes, squaredErrorSum: squaredError)
        onFrameDone(Int(frame) + 1)
      }
    }
    while let event = queue.pop() {
      switch event {
      case .continuationChunk(let frame, let annexB, let isKeyframe):
        try writer.addContinuation(frame: frame, annexB: annexB, isKeyframe: isKeyframe)
      case .reconstruction(let frame, let picture):
        guard frame % plan.initIntervalFrames == 0 else {
          onFrameDone(frame + 1)
          continue
        }
        if encoder == nil {
          // Lossless encodes the coded (uncropped) size, known from the first reconstruction.
          let opened = try VideoEncoder(
            settings: RenditionEncoder.initSettings(
              plan, codedWidth: picture.width, codedHeight: picture.height,
              levelIdc: (try? AVCConfiguration(extradata: continuationExtradata)
                .sequenceParameterSet)
                .map { Int($0.levelIndication) }))
          try writer.setInitExtradata(opened.extradata)
          encoder = opened
          measure = try InitPictureMeasure(initExtradata: opened.extradata)
        }
        measure?.remember(frame, reconstruction: picture)
        try encoder?.send(picture, frameNumber: Int64(frame))
        try drain()
      }
    }
    try encoder?.send(nil, frameNumber: 0)
    try drain()
    return try writer.finish()
  }
}
