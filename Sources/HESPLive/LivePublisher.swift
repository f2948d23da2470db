import Foundation
import HESPCore
import HESPFFmpeg
import HESPPackager
import HESPServer
import ServiceLifecycle
import Synchronization

/// Runs the live pipeline on its own threads (`DedicatedThread`s, bounded: one input thread, and
/// per rung a continuation thread and an init thread, as the packager does; the encoders block,
/// so they stay off Swift's cooperative pool, which `hesp serve` gives to SwiftNIO's event loops) and
/// is a `Service` beside the server: it returns when the stream ends (`--duration`, the input's
/// end, a failure, kept in `failure`) and stops on graceful shutdown (SIGINT/SIGTERM) or cancellation. Either way every rung
/// drains, the store ends its open continuations, and only then does the server stop.
///
/// The input thread paces the source on the wall clock: frame k is released at start + k
/// frame intervals (a file is never read faster than real time) and offered to every rung; when
/// any rung's queue is full (it is more than `maximumQueueSeconds` behind) the frame is dropped
/// for all rungs and counted, so the rungs keep the same frame numbers. Frame numbers count the
/// frames kept, so the continuation's timeline has no gap (a player's Media Source drops every
/// frame after a gap until the next keyframe); each chunk's `prft` keeps its true capture time.
// @unchecked: `input` (an FFmpeg demuxer and decoder) is read by the input thread only.
final class LivePublisher: Service, @unchecked Sendable {
  let input: LiveInput
  let rungs: [LiveRung]
  let publication: LivePublication
  let frameSeconds: Double
  let frameLimit: Int?
  private let stopRequested = Atomic<Bool>(false)
  private let outcome = Mutex<Outcome>(Outcome())

  struct Outcome {
    var failure: LiveError?
    var framesRead = 0
    var inputEnded: String?
  }

  init(
    input: LiveInput, rungs: [LiveRung], publication: LivePublication, frameSeconds: Double,
    frameLimit: Int?
  ) {
    self.input = input
    self.rungs = rungs
    self.publication = publication
    self.frameSeconds = frameSeconds
    self.frameLimit = frameLimit
  }

  /// Ends the stream at the next frame (the rungs then drain).
  func stop() {
    stopRequested.store(true, ordering: .relaxed)
    // A read waiting on a silent network source ends now, not at its timeout.
    input.interrupt()
  }

  var failure: LiveError? { outcome.withLock { $0.failure } }
  var inputEndReason: String? { outcome.withLock { $0.inputEnded } }
  var framesRead: Int { outcome.withLock { $0.framesRead } }

  func run() async throws {
    await withGracefulShutdownHandler {
      await withTaskCancellationHandler {
        for thread in start() { await thread.value() }
        publication.store.finish()
      } onCancel: {
        stop()
      }
    } onGracefulShutdown: {
      self.stop()
    }
    // A failure (`failure`) returns too: the group then shuts down gracefully, so open
    // continuations end cleanly and the caller reports the one error.
  }

  /// Starts every thread of the pipeline.
  private func start() -> [DedicatedThread<Void, Never>] {
    var threads: [DedicatedThread<Void, Never>] = []
    for rung in rungs {
      threads.append(
        spawn("hesp-live-\(rung.plan.id)") { try rung.runContinuation(publish: self.publication) })
      threads.append(
        spawn("hesp-live-init-\(rung.plan.id)") { try rung.runInit(publish: self.publication) })
    }
    threads.append(spawn("hesp-live-input") { try self.readInput() })
    return threads
  }

  /// A thread running `body`; its failure is kept (the first one) and stops the stream.
  private func spawn(_ name: String, _ body: @escaping @Sendable () throws -> Void)
    -> DedicatedThread<Void, Never>
  {
    DedicatedThread(name: name) {
      do { try body() } catch {
        let failure = (error as? LiveError) ?? .encodingFailed(track: name, reason: "\(error)")
        self.outcome.withLock { if $0.failure == nil { $0.failure = failure } }
        self.stop()
        for rung in self.rungs { rung.sourceQueue.cancel() }
      }
    }
  }

  /// The input thread: paces, stamps and offers every frame, then closes the rungs' queues.
  private func readInput() throws {
    defer { for rung in rungs { rung.sourceQueue.close() } }
    let started = ContinuousClock.now
    let startedWall = Date().timeIntervalSince1970
    let interval = Duration.seconds(frameSeconds)
    // Too many dropped frames for too long stop the stream with `LiveError.cannotKeepUp`
    // instead of dropping most frames.
    var realTime = RealTimeCheck(frameSeconds: frameSeconds)
    var slot = 0
    var number = 0
    while !stopRequested.load(ordering: .relaxed) {
      if let frameLimit, slot >= frameLimit { break }
      let frame: Frame?
      do { frame = try input.next() } catch let error as FFmpegError {
        // A read ended by stop() is the stop, not the input's end.
        if stopRequested.load(ordering: .relaxed) { return }
        let reason =
          input.readDeadline.hasExpired ? input.reason(error) : "read error: \(error.message)"
        outcome.withLock { $0.inputEnded = reason }
        return
      }
      guard let frame else {
        outcome.withLock { $0.inputEnded = "end of input" }
        return
      }
      outcome.withLock { $0.framesRead += 1 }
      let due = started + interval * slot
      let now = ContinuousClock.now
      if now < due { Thread.sleep(forTimeInterval: LiveRung.seconds(due - now)) }
      let released = ContinuousClock.now
      let capture = CaptureTime(
        instant: released, secondsSince1970: startedWall + LiveRung.seconds(released - started))
      let fits = rungs.allSatisfy { $0.sourceQueue.count < $0.sourceQueueCapacity }
      if fits {
        for rung in rungs {
          _ = rung.sourceQueue.tryPush(
            CapturedFrame(frame: frame, number: number, capture: capture))
        }
        number += 1
      }
      publication.statistics.offered(slot: slot, dropped: !fits)
      slot += 1
      if let window = realTime.windowEnding(slotsOffered: slot) {
        if realTime.judge(droppedFrames: publication.statistics.dropped(inSlots: window)) {
          let snapshot = publication.statistics.snapshot()
          let slowest = snapshot.tracks.max {
            max($0.continuationMsPerFrame, $0.initMsPerFrame)
              < max($1.continuationMsPerFrame, $1.initMsPerFrame)
          }
          let detail =
            slowest.map {
              "\($0.id): continuation \($0.continuationMsPerFrame) ms, init \($0.initMsPerFrame) ms per frame of \(snapshot.frameIntervalMs) ms"
            } ?? ""
          throw LiveError.cannotKeepUp(
            headroom: snapshot.realtimeHeadroom, framesDropped: snapshot.framesDropped,
            frames: snapshot.framesOffered,
            detail: detail)
        }
      }
    }
  }
}
