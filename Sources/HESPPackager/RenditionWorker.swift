import Foundation
import HESPFFmpeg

/// Runs one rendition's `RenditionEncoder` on its own thread, fed the decoded frames through
/// its bounded `queue` (a `BlockingQueue`).
final class RenditionWorker: @unchecked Sendable {
  let queue = BlockingQueue<Frame>(capacity: 8)
  private let plan: TrackPlan
  private let finished = DispatchSemaphore(value: 0)
  private let lock = NSLock()
  private var outcome: Result<TrackOutcome, any Error>?

  init(plan: TrackPlan) { self.plan = plan }

  /// Starts the thread; `progress` receives frames done.
  func start(progress: @escaping @Sendable (Int) -> Void) {
    let thread = Thread { [self] in
      let result = Result { try self.run(progress: progress) }
      if case .failure = result { self.queue.cancel() }
      self.lock.lock()
      self.outcome = result
      self.lock.unlock()
      self.finished.signal()
    }
    thread.name = "hesp-track-\(plan.id)"
    thread.stackSize = 8 << 20
    thread.start()
  }

  /// Blocks until the worker is done.
  func wait() -> Result<TrackOutcome, any Error> {
    finished.wait()
    lock.lock()
    defer { lock.unlock() }
    return outcome
      ?? .failure(
        PackagingError.encodingFailed(track: plan.id, reason: "worker ended without result"))
  }

  private func run(progress: @escaping @Sendable (Int) -> Void) throws -> TrackOutcome {
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
