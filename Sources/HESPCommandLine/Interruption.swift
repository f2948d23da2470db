import Dispatch
import Foundation
import HESPCore

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

  /// Waits while an interruption removes the partial output (its handler then exits), so a
  /// write failure it caused is not reported as an error of its own.
  static func waitIfRemoving() {
    while LeftoverCleanup.isRemoving { sleep(1) }
  }
}
