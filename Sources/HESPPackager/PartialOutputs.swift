import Foundation

/// The `OUT.partial-*` directories being written by this process, so an interrupted run
/// (Ctrl-C, SIGTERM) can remove them before it exits.
public enum PartialOutputs {
  private static let lock = NSLock()
  nonisolated(unsafe) private static var urls: Set<URL> = []
  nonisolated(unsafe) private static var removing = false

  /// True once `removeAll()` has started: failures that follow are consequences of it.
  public static var isRemoving: Bool {
    lock.lock()
    defer { lock.unlock() }
    return removing
  }

  static func register(_ url: URL) {
    lock.lock()
    urls.insert(url)
    lock.unlock()
  }

  static func unregister(_ url: URL) {
    lock.lock()
    urls.remove(url)
    lock.unlock()
  }

  /// Removes every partial directory still registered (call from a signal handler's queue).
  public static func removeAll() {
    lock.lock()
    removing = true
    let pending = urls
    urls.removeAll()
    lock.unlock()
    for url in pending {
      // Move it away first: worker threads still writing by path then fail instead of adding
      // files while it is being removed.
      let doomed = url.deletingLastPathComponent()
        .appendingPathComponent(".\(url.lastPathComponent).removing")
      let target = rename(url.path, doomed.path) == 0 ? doomed : url
      for _ in 0..<5 where FileManager.default.fileExists(atPath: target.path) {
        try? FileManager.default.removeItem(at: target)
      }
    }
  }
}
