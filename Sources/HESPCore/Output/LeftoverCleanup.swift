import Foundation
import Synchronization

/// What this process is writing and must not leave behind (`OUT.partial-*` staging folders and
/// files, scratch folders), so an interrupted run (Ctrl-C, SIGTERM) can remove it before it
/// exits. `OutputFolder`, `OutputFile` and `ScratchFolder` register themselves.
public enum LeftoverCleanup {
  private struct State {
    var urls: Set<URL> = []
    var removing = false
  }

  private static let state = Mutex(State())
  /// Held while an output is moved in place, so an interruption waits for the move to finish.
  private static let moving = Mutex(())

  /// True once `removeAll()` has started: failures that follow are consequences of it.
  public static var isRemoving: Bool {
    state.withLock { $0.removing }
  }

  public static func register(_ url: URL) {
    state.withLock { _ = $0.urls.insert(url) }
  }

  public static func unregister(_ url: URL) {
    state.withLock { _ = $0.urls.remove(url) }
  }

  /// Creates `url` through `make` and registers it, as one step an interruption cannot split:
  /// once `removeAll()` has started, nothing is created (throws `CancellationError`).
  public static func create(_ url: URL, _ make: () throws -> Void) throws {
    try moving.withLock { _ in
      guard !isRemoving else { throw CancellationError() }
      try make()
      register(url)
    }
  }

  /// Runs `body` (moving an output in place) with interruptions held back until it ends.
  public static func uninterrupted<T: Sendable, Failure: Error>(
    _ body: () throws(Failure) -> T
  ) throws(Failure) -> T {
    try moving.withLock { _ throws(Failure) in try body() }
  }

  /// Removes everything still registered (call from a signal handler's queue, then exit).
  public static func removeAll() {
    moving.withLock { _ in
      let pending = state.withLock { state in
        state.removing = true
        defer { state.urls.removeAll() }
        return state.urls
      }
      for url in pending { remove(url) }
    }
  }

  /// Removes `url`, first moved to a hidden `.NAME.removing` sibling: worker threads still
  /// writing by path then fail instead of adding files while it is being removed.
  static func remove(_ url: URL) {
    let doomed = url.deletingLastPathComponent()
      .appendingPathComponent(".\(url.lastPathComponent).removing")
    let target = rename(url.path, doomed.path) == 0 ? doomed : url
    for _ in 0..<5 where FileManager.default.fileExists(atPath: target.path) {
      try? FileManager.default.removeItem(at: target)
    }
  }
}
