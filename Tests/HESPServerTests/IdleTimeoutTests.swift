import NIOCore
import Testing

@testable import HESPServer

/// `IdleTimeout`'s verdicts at the idle timer, with the socket's progress given by hand.
@Suite struct IdleTimeoutTests {
  let start = NIODeadline.uptimeNanoseconds(1_000_000_000_000)

  func at(_ seconds: Double) -> NIODeadline {
    start + .nanoseconds(Int64((seconds * 1e9).rounded()))
  }

  func progress(acknowledged: UInt64, outstanding: Bool, secondsSinceAck: Double = 0)
    -> SendProgress
  {
    SendProgress(
      acknowledgedBytes: acknowledged, outstanding: outstanding,
      sinceLastAcknowledgement: .nanoseconds(Int64((secondsSinceAck * 1e9).rounded())))
  }

  @Test("a connection with no request and nothing written is closed at the timeout")
  func idleIsClosed() {
    var idle = IdleTimeout(timeout: .seconds(1), now: start)
    #expect(
      idle.check(now: at(0.5), progress: nil, composing: false)
        == .checkAgain(in: .milliseconds(500)))
    #expect(idle.check(now: at(1.0), progress: nil, composing: false) == .close)
  }

  @Test("an answer the client keeps taking keeps the connection, checked every quarter timeout")
  func progressIsActivity() {
    var idle = IdleTimeout(timeout: .seconds(1), now: start)
    idle.wrote()
    var acknowledged: UInt64 = 0
    for step in 1...20 {
      acknowledged += 100_000
      let verdict = idle.check(
        now: at(Double(step) * 0.25),
        progress: progress(acknowledged: acknowledged, outstanding: true),
        composing: false)
      #expect(verdict == .checkAgain(in: .milliseconds(250)), "at \(Double(step) * 0.25) s")
    }
  }

  @Test("a client that stops taking an answer is closed a timeout after its last acknowledgement")
  func stallIsIdle() {
    var idle = IdleTimeout(timeout: .seconds(1), now: start)
    idle.wrote()
    // Bytes acknowledged 0.1 s before the first look, none after.
    let stalled = progress(acknowledged: 5000, outstanding: true, secondsSinceAck: 0.15)
    #expect(
      idle.check(now: at(0.25), progress: stalled, composing: false)
        == .checkAgain(in: .milliseconds(250)))
    #expect(
      idle.check(now: at(0.75), progress: stalled, composing: false)
        == .checkAgain(in: .milliseconds(250)))
    #expect(
      idle.check(now: at(1.0), progress: stalled, composing: false)
        == .checkAgain(in: .milliseconds(100)))
    #expect(idle.check(now: at(1.1), progress: stalled, composing: false) == .close)
  }

  @Test("an answer delivered long before the timer does not extend the timeout")
  func deliveredAnswerDoesNotExtend() {
    var idle = IdleTimeout(timeout: .seconds(1), now: start)
    idle.wrote()
    // Everything was acknowledged just after the request, 0.95 s before this look.
    let delivered = progress(acknowledged: 60_000, outstanding: false, secondsSinceAck: 0.95)
    #expect(
      idle.check(now: at(1.0), progress: delivered, composing: false)
        == .checkAgain(in: .milliseconds(50)))
    #expect(!idle.mayBeSending)
    #expect(idle.check(now: at(1.05), progress: nil, composing: false) == .close)
  }

  @Test("Hummingbird composing an answer is activity unless its bytes are stuck at the client")
  func composing() {
    var idle = IdleTimeout(timeout: .seconds(1), now: start)
    #expect(
      idle.check(now: at(1.0), progress: nil, composing: true) == .checkAgain(in: .seconds(1)))
    idle.wrote()
    let stuck = progress(acknowledged: 10, outstanding: true, secondsSinceAck: 0)
    #expect(
      idle.check(now: at(1.5), progress: stuck, composing: true)
        == .checkAgain(in: .milliseconds(250)))
    #expect(
      idle.check(now: at(2.0), progress: stuck, composing: true)
        == .checkAgain(in: .milliseconds(250)))
    #expect(idle.check(now: at(2.5), progress: stuck, composing: true) == .close)
  }
}
