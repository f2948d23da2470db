import Dispatch
import Foundation
import HESPCore
import Synchronization

/// Ctrl-C / SIGTERM during a command that writes: remove what it was writing (everything
/// registered with `LeftoverCleanup`), then exit 130 / 143.
package enum Interruption {
  /// Installs the handlers for `command` (`package`, `trace convert`); keep the returned
  /// sources alive while writing. `cleanUp` runs first (`emulate`: stop the processes in its
  /// namespaces and delete them).
  package static func install(command: String, cleanUp: @escaping @Sendable () -> Void = {}) -> [any DispatchSourceSignal] {
    [(SIGINT, Int32(130)), (SIGTERM, Int32(143))].map { signalNumber, status in
      signal(signalNumber, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
      source.setEventHandler {
        received.withLock { $0 = true }
        cleanUp()
        LeftoverCleanup.removeAll()
        ProgressLine.end()
        FileHandle.standardError.write(
          Data("hesp \(command): interrupted, partial output removed\n".utf8))
        exit(status)
      }
      source.resume()
      return source
    }
  }

  /// Set once a handler starts: from then on the handler owns the exit.
  private static let received = Mutex(false)

  /// Waits while an interruption cleans up and removes the partial output (its handler then
  /// exits 130/143), so a failure it caused (a write cut short, a child process it stopped) is
  /// not reported as an error of its own.
  static func waitIfRemoving() {
    while received.withLock({ $0 }) || LeftoverCleanup.isRemoving { sleep(1) }
  }
}
