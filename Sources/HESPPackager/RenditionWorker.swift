import Foundation
import HESPCore
import HESPFFmpeg

/// Runs one rendition's `RenditionEncoder` on a thread of its own (a `DedicatedThread`: x264
/// and libavcodec block for a frame's time, and the packager bounds its threads to two per
/// rung), fed by a bounded `BlockingQueue` of source frames.
final class RenditionWorker: Sendable {
  let queue = BlockingQueue<Frame>(capacity: 8)
  private let thread: DedicatedThread<TrackOutcome, any Error>

  /// Starts the thread; `progress` receives frames done.
  init(plan: TrackPlan, progress: @escaping @Sendable (Int) -> Void) {
    let queue = queue
    thread = DedicatedThread(name: "hesp-track-\(plan.id)") {
      do {
        return try Self.run(plan: plan, queue: queue, progress: progress)
      } catch {
        queue.cancel()
        throw error
      }
    }
  }

  /// Blocks until the worker is done.
  func wait() -> Result<TrackOutcome, any Error> {
    Result { try thread.join() }
  }

  private static func run(
    plan: TrackPlan, queue: BlockingQueue<Frame>, progress: @escaping @Sendable (Int) -> Void
  ) throws -> TrackOutcome {
    do {
      let encoder = try RenditionEncoder(plan: plan, onFrameDone: progress)
      while let frame = queue.pop() { try encoder.consume(frame) }
      let files = try encoder.finish()
      return TrackOutcome(
        plan: plan, files: files, psnrYDecibels: encoder.psnrYDecibels,
        squaredErrorTotal: encoder.squaredErrorTotal)
    } catch let error as PackagingError {
      throw error
    } catch {
      throw PackagingError.encodingFailed(track: plan.id, reason: String(describing: error))
    }
  }
}
