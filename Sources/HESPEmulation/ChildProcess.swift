import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// A program this process started (`posix_spawn`) in a process group of its own, so stopping it
/// stops what it started too (`sh -c` and its children, `ip netns exec` and the program it
/// becomes). Reaped with `waitpid` on this process's own schedule. While it runs it is
/// registered with `EmulationCleanup`, which stops it on an interruption.
public final class ChildProcess: Sendable {
  /// Where a standard stream goes.
  public enum Stream: Sendable {
    case inherit
    case null
    case file(String)
  }

  public let processIdentifier: pid_t
  private let status = Mutex<Int32?>(nil)

  /// Starts `arguments[0]` (a path) with `arguments`.
  /// - Throws: `EmulationError` when it cannot be started.
  public init(
    arguments: [String], standardOutput: Stream = .inherit, standardError: Stream = .inherit
  ) throws(EmulationError) {
    precondition(!arguments.isEmpty)
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    for (descriptor, stream) in [(Int32(1), standardOutput), (Int32(2), standardError)] {
      switch stream {
      case .inherit: break
      case .null: posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", O_WRONLY, 0)
      case .file(let path):
        posix_spawn_file_actions_addopen(
          &actions, descriptor, path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
      }
    }
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawnattr_setflags(
      &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    posix_spawnattr_setpgroup(&attributes, 0)
    var none = sigset_t()
    sigemptyset(&none)
    posix_spawnattr_setsigmask(&attributes, &none)
    // Signals this process ignores (SIGINT while it cleans up) are not ignored in the child.
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal in [SIGINT, SIGTERM, SIGPIPE, SIGHUP] { sigaddset(&defaults, signal) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    let result = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, environ)
    guard result == 0 else {
      throw EmulationError("cannot start \(arguments[0]): \(SystemCalls.errorText(result))")
    }
    processIdentifier = pid
    guard EmulationCleanup.register(self) else {
      stop()
      throw EmulationError("interrupted")
    }
  }

  /// The exit status (128 + N after signal N), or nil while it runs.
  public var exitStatus: Int32? {
    status.withLock { status in
      if status == nil {
        var raw: Int32 = 0
        if waitpid(processIdentifier, &raw, WNOHANG) == processIdentifier {
          status = raw & 0x7F == 0 ? (raw >> 8) & 0xFF : 128 + (raw & 0x7F)
          EmulationCleanup.unregister(self)
        }
      }
      return status
    }
  }

  public var isRunning: Bool { exitStatus == nil }

  /// Waits up to `seconds` (forever for nil) for it to exit; its status, or nil if it still runs.
  @discardableResult
  public func wait(seconds: Double? = nil) -> Int32? {
    let deadline = seconds.map { Date().addingTimeInterval($0) }
    while true {
      if let status = exitStatus { return status }
      if let deadline, Date() >= deadline { return nil }
      usleep(10_000)
    }
  }

  /// SIGTERM to its process group, SIGKILL after `grace` seconds; waits for it.
  public func stop(grace: Double = 3) {
    guard isRunning else { return }
    kill(-processIdentifier, SIGTERM)
    if wait(seconds: grace) == nil {
      kill(-processIdentifier, SIGKILL)
      wait()
    } else {
      // What it started may outlive it in the group: stop that too.
      kill(-processIdentifier, SIGKILL)
    }
  }

  /// Signals the process group (from a signal handler's cleanup).
  func signalGroup(_ signal: Int32) { kill(-processIdentifier, signal) }
}
