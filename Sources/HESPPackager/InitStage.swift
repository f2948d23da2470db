import Foundation
import HESPAVC
import HESPCore
import HESPFFmpeg
import HESPMP4

/// The second thread of a rendition (a `DedicatedThread`: its encodes block): encodes init IDRs
/// from the continuation's reconstruction and writes every file of the track (`TrackWriter`).
/// Fed in frame order by `RenditionEncoder`.
final class InitStage: Sendable {
  /// What the continuation stage hands over, in frame order.
  enum Event: Sendable {
    /// Continuation packet of `frame` (Annex B).
    case continuationChunk(frame: Int, annexB: [UInt8], isKeyframe: Bool)
    /// The decoded continuation frame `frame` (uncropped with `--init-lossless`).
    case reconstruction(frame: Int, Frame)
  }

  let queue = BlockingQueue<Event>(capacity: 16)
  private let thread: DedicatedThread<TrackWriter.Result, any Error>

  /// Starts the thread.
  init(
    plan: TrackPlan, continuationExtradata: [UInt8], onFrameDone: @escaping @Sendable (Int) -> Void
  ) {
    let queue = queue
    thread = DedicatedThread(name: "hesp-init-\(plan.id)") {
      do {
        return try Self.run(
          plan: plan, continuationExtradata: continuationExtradata, onFrameDone: onFrameDone,
          queue: queue)
      } catch {
        queue.cancel()
        throw error
      }
    }
  }

  /// Ends the input (or cancels it after a failure upstream) and waits for the files.
  func finish(cancelled: Bool = false) throws -> TrackWriter.Result {
    if cancelled { queue.cancel() } else { queue.close() }
    return try thread.join()
  }

  private static func run(
    plan: TrackPlan, continuationExtradata: [UInt8], onFrameDone: @Sendable (Int) -> Void,
    queue: BlockingQueue<Event>
  ) throws -> TrackWriter.Result {
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
