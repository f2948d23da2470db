import NIOCore

/// When a connection counts as idle (`--idle-timeout`), for `FastPathHandler`'s timer: it is
/// active while requests arrive, while Hummingbird composes an answer, and while an answer is
/// leaving and the client keeps taking it (`SendProgress`: bytes acknowledged), however long a
/// large answer to a slow client takes. A client that stops reading is idle from the moment it
/// stopped, so it is closed about `timeout` later even in the middle of an answer.
struct IdleTimeout {
  let timeout: TimeAmount
  /// While an answer is leaving, the socket is looked at this often: a client that stops
  /// reading is closed at most this long after `timeout`.
  let sendingCheckInterval: TimeAmount
  private(set) var lastActivity: NIODeadline
  /// Something was written since the socket last showed everything delivered: the next check
  /// reads the socket's progress.
  private(set) var mayBeSending = false
  private var acknowledgedBytes: UInt64?

  init(timeout: TimeAmount, now: NIODeadline) {
    self.timeout = timeout
    sendingCheckInterval = .nanoseconds(max(timeout.nanoseconds / 4, 10_000_000))
    lastActivity = now
  }

  enum Verdict: Equatable {
    case close
    case checkAgain(in: TimeAmount)
  }

  mutating func requestArrived(at now: NIODeadline) {
    lastActivity = now
  }

  /// An answer (or part of one) was written, or the channel stopped being writable.
  mutating func wrote() {
    mayBeSending = true
  }

  /// At a timer. `progress`: the socket's, read when `mayBeSending` (nil: not read, or not a
  /// TCP socket); `composing`: Hummingbird holds a request read in full and has not ended its
  /// answer.
  mutating func check(now: NIODeadline, progress: SendProgress?, composing: Bool) -> Verdict {
    var sending = false
    if let progress {
      if let acknowledged = progress.acknowledgedBytes {
        if acknowledged != acknowledgedBytes {
          acknowledgedBytes = acknowledged
          lastActivity = max(lastActivity, now - progress.sinceLastAcknowledgement)
        }
      } else if progress.outstanding {
        // No measure of progress here: an answer still leaving counts as activity.
        lastActivity = now
      }
      sending = progress.outstanding
      mayBeSending = sending
    }
    // Composing with nothing stuck in the socket: the server, not the client, is slow.
    if composing && !sending { lastActivity = now }
    let deadline = lastActivity + timeout
    guard deadline > now else { return .close }
    let untilDeadline = deadline - now
    return .checkAgain(in: sending ? min(untilDeadline, sendingCheckInterval) : untilDeadline)
  }
}
