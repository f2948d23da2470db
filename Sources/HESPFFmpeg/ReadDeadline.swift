import CFFmpeg
import Synchronization

/// libavformat's interrupt callback (`AVIOInterruptCB`) as a deadline: every blocking read of an
/// input (opening, probing, `av_read_frame`) is given at most `timeoutSeconds` without data, and
/// `interrupt()` ends a read at once from another thread. libavformat polls the callback while
/// it waits on a socket (every 100 ms at most for tcp, udp, srt, rtmp), so a source that stops
/// sending ends the read with an error instead of blocking forever.
public final class ReadDeadline: Sendable {
  /// Seconds a read may wait for data; nil: no limit (a file on a local disk).
  public let timeoutSeconds: Double?
  /// `av_gettime_relative()` microseconds after which a read is interrupted (Int64.max: none).
  private let deadline = Atomic<Int64>(Int64.max)
  private let interrupted = Atomic<Bool>(false)
  private let expired = Atomic<Bool>(false)

  public init(timeoutSeconds: Double?) { self.timeoutSeconds = timeoutSeconds }

  /// Starts the clock for the next read: it may wait `timeoutSeconds` from now.
  func arm() {
    guard let timeoutSeconds else { return }
    deadline.store(
      av_gettime_relative() + Int64(timeoutSeconds * 1_000_000), ordering: .relaxed)
  }

  /// No deadline until the next `arm()` (between reads the caller may wait as long as it likes).
  func disarm() { deadline.store(Int64.max, ordering: .relaxed) }

  /// Ends the read in progress (and every later one) from any thread.
  public func interrupt() { interrupted.store(true, ordering: .relaxed) }

  /// True once a read was ended because no data came for `timeoutSeconds`.
  public var hasExpired: Bool { expired.load(ordering: .relaxed) }

  /// True once `interrupt()` was called.
  public var wasInterrupted: Bool { interrupted.load(ordering: .relaxed) }

  /// Asked by libavformat while it waits: non-zero ends the wait (`AVERROR_EXIT`).
  fileprivate func shouldStop() -> Bool {
    if interrupted.load(ordering: .relaxed) { return true }
    if av_gettime_relative() > deadline.load(ordering: .relaxed) {
      expired.store(true, ordering: .relaxed)
      return true
    }
    return false
  }

  /// The C callback for a context; `self` must outlive the context (its owner keeps both).
  func callback() -> AVIOInterruptCB {
    AVIOInterruptCB(
      callback: { opaque in
        guard let opaque else { return 0 }
        return Unmanaged<ReadDeadline>.fromOpaque(opaque).takeUnretainedValue().shouldStop()
          ? 1 : 0
      }, opaque: Unmanaged.passUnretained(self).toOpaque())
  }
}
