import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The Linux calls Swift's Glibc module leaves out (GNU extensions and Linux-only headers),
/// looked up once by name in the C library: `setns(2)`, `timerfd_create(2)`, `timerfd_settime(2)`.
/// All three have fixed (non-variadic) C signatures, so calling them through a typed pointer is
/// exact; no C target is needed.
enum SystemCalls {
  /// `CLONE_NEWNET` from <sched.h>.
  static let cloneNewNet: Int32 = 0x4000_0000

  private typealias SetNamespace = @convention(c) (Int32, Int32) -> Int32
  private static let setnsFunction: SetNamespace? = function("setns")

  private typealias TimerCreate = @convention(c) (Int32, Int32) -> Int32
  private typealias TimerSet =
    @convention(c) (Int32, Int32, UnsafePointer<itimerspec>, UnsafeMutablePointer<itimerspec>?) ->
    Int32
  private static let timerCreateFunction: TimerCreate? = function("timerfd_create")
  private static let timerSetFunction: TimerSet? = function("timerfd_settime")

  private static func function<T>(_ name: String) -> T? {
    guard let symbol = dlsym(nil, name) else { return nil }
    return unsafeBitCast(symbol, to: T.self)
  }

  /// `timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC)`.
  static func makeMonotonicTimer() -> Int32 {
    guard let create = timerCreateFunction else {
      errno = ENOSYS
      return -1
    }
    return create(Int32(CLOCK_MONOTONIC), Int32(O_NONBLOCK | O_CLOEXEC))
  }

  /// `timerfd_settime(descriptor, TFD_TIMER_ABSTIME, setting, nil)`.
  static func setTimer(_ descriptor: Int32, absolute setting: itimerspec) -> Int32 {
    guard let set = timerSetFunction else { return -1 }
    var value = setting
    return set(descriptor, 1, &value, nil)
  }

  /// Moves the calling thread into the network namespace open at `descriptor`.
  static func setNetworkNamespace(_ descriptor: Int32) -> Int32 {
    guard let setns = setnsFunction else {
      errno = ENOSYS
      return -1
    }
    return setns(descriptor, cloneNewNet)
  }

  /// `strerror(errno)`.
  static func errorText(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }

  /// Monotonic time, ns.
  static func monotonicNanoseconds() -> Int64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
  }
}
