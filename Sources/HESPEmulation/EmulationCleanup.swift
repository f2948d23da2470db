import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Everything an emulation has made that must not outlive it: network namespaces and the
/// processes running inside them. `NetworkNamespace` and `ChildProcess` register themselves;
/// `cleanUp()` (from a SIGINT/SIGTERM handler, or an error path) stops the processes and deletes
/// the namespaces. A namespace is never created once cleaning has started.
public enum EmulationCleanup {
  private struct State {
    var namespaces: [String] = []
    var processes: [ObjectIdentifier: ChildProcess] = [:]
    var cleaning = false
  }
  private static let state = Mutex(State())

  /// Creates a namespace through `make` and registers it, as one step cleaning cannot split.
  static func register(_ name: String, _ make: () throws(EmulationError) -> Void)
    throws(EmulationError)
  {
    let refused = state.withLock { state -> Bool in
      if state.cleaning { return true }
      state.namespaces.append(name)
      return false
    }
    if refused { throw EmulationError("interrupted") }
    do { try make() } catch {
      unregister(name)
      throw error
    }
  }

  static func unregister(_ name: String) {
    state.withLock { $0.namespaces.removeAll { $0 == name } }
  }

  static func register(_ process: ChildProcess) -> Bool {
    state.withLock { state -> Bool in
      if state.cleaning { return false }
      state.processes[ObjectIdentifier(process)] = process
      return true
    }
  }

  static func unregister(_ process: ChildProcess) {
    _ = state.withLock { $0.processes.removeValue(forKey: ObjectIdentifier(process)) }
  }

  /// The namespaces still registered (tests).
  public static var namespaces: [String] { state.withLock { $0.namespaces } }

  /// Stops every registered process (SIGTERM to its process group, then SIGKILL after 2 s) and
  /// deletes every registered namespace. Safe to call from any thread, more than once.
  /// - Parameter refusingMore: from then on, no namespace or process is made (a signal handler
  ///   that is about to exit); false at the end of a run, as a safety net.
  public static func cleanUp(refusingMore: Bool = true) {
    let (processes, names) = state.withLock { state in
      if refusingMore { state.cleaning = true }
      defer {
        state.processes.removeAll()
        state.namespaces.removeAll()
      }
      return (Array(state.processes.values), state.namespaces)
    }
    for process in processes { process.signalGroup(SIGTERM) }
    let deadline = Date().addingTimeInterval(2)
    while processes.contains(where: \.isRunning), Date() < deadline { usleep(20_000) }
    for process in processes { process.signalGroup(SIGKILL) }
    for name in names { try? IPCommand.run(["netns", "delete", name]) }
  }

  /// Re-allows creating namespaces after `cleanUp()` (tests that clean up on purpose).
  public static func reset() {
    state.withLock { $0.cleaning = false }
  }

  /// Deletes namespaces named `hesp-<pid>-...` whose process no longer exists (left behind by a
  /// `hesp` that was killed with SIGKILL or crashed); returns their names.
  public static func removeStale() -> [String] {
    var removed: [String] = []
    for name in IPCommand.namespaces() where name.hasPrefix(NetworkNamespace.prefix) {
      let fields = name.dropFirst(NetworkNamespace.prefix.count).split(separator: "-")
      guard let first = fields.first, let pid = Int32(first), pid != getpid() else { continue }
      if kill(pid, 0) == 0 || errno == EPERM { continue }
      if (try? IPCommand.run(["netns", "delete", name])) != nil { removed.append(name) }
    }
    return removed
  }
}
