import Foundation

/// What this process is writing and must not leave behind (`OUT.partial-*` staging folders and
/// files, scratch folders), so an interrupted run (Ctrl-C, SIGTERM) can remove it before it
/// exits. `OutputFolder`, `OutputFile` and `ScratchFolder` register themselves.
public enum LeftoverCleanup {
  private static let lock = NSLock()
  /// Held while an output is moved in place, so an interruption waits for the move to finish.
  private static let moveLock = NSLock()
  nonisolated(unsafe) private static var urls: Set<URL> = []
  nonisolated(unsafe) private static var removing = false

  /// True once `removeAll()` has started: failures that follow are consequences of it.
  public static var isRemoving: Bool {
    lock.withLock { removing }
  }

  public static func register(_ url: URL) {
    lock.withLock { _ = urls.insert(url) }
  }

  public static func unregister(_ url: URL) {
    lock.withLock { _ = urls.remove(url) }
  }

  /// Creates `url` through `make` and registers it, as one step an interruption cannot split:
  /// once `removeAll()` has started, nothing is created (throws `CancellationError`).
  public static func create(_ url: URL, _ make: () throws -> Void) throws {
    try moveLock.withLock {
      guard !isRemoving else { throw CancellationError() }
      try make()
      register(url)
    }
  }

  /// Runs `body` (moving an output in place) with interruptions held back until it ends.
  public static func uninterrupted<T>(_ body: () throws -> T) rethrows -> T {
    try moveLock.withLock { try body() }
  }

  /// Removes everything still registered (call from a signal handler's queue, then exit).
  public static func removeAll() {
    moveLock.lock()
    defer { moveLock.unlock() }
    let pending = lock.withLock {
      removing = true
      defer { urls.removeAll() }
      return urls
    }
    for url in pending { remove(url) }
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
