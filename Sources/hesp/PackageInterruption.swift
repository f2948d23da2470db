import Dispatch
import Foundation
import HESPPackager

/// Ctrl-C / SIGTERM during `hesp package`: remove the partial output, then exit 130 / 143.
enum PackageInterruption {
  /// Installs the handlers; keep the returned sources alive while packaging.
  static func install() -> [any DispatchSourceSignal] {
    [(SIGINT, Int32(130)), (SIGTERM, Int32(143))].map { signalNumber, status in
      signal(signalNumber, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
      source.setEventHandler {
        PartialOutputs.removeAll()
        ProgressLine.end()
        FileHandle.standardError.write(
          Data("hesp package: interrupted, partial output removed\n".utf8))
        exit(status)
      }
      source.resume()
      return source
    }
  }
}
