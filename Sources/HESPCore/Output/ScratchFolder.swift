import Foundation

/// A working folder under `$TMPDIR` (`hesp-<command>-<pid>-<n>`), removed when released or
/// `remove()`d and, through `LeftoverCleanup`, on an interruption. Scratch folders of runs that
/// were killed are removed by the next one.
public final class ScratchFolder: Sendable {
  public let url: URL

  public init(command: String) throws {
    let temporary = FileManager.default.temporaryDirectory
    let prefix = "hesp-\(command)"
    for leftover in StalePartials.find(besides: temporary.appendingPathComponent(prefix)) {
      LeftoverCleanup.remove(leftover.url)
    }
    let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 16)
    url = temporary.appendingPathComponent("\(prefix).partial-\(getpid())-\(suffix)")
    let url = url
    try LeftoverCleanup.create(url) {
      guard mkdir(url.path, 0o700) == 0 else {
        throw OutputError.notWritable(path: url.path, reason: String(cString: strerror(errno)))
      }
    }
    try? OutputMarker.write(command: command, in: url)
  }

  deinit { remove() }

  public func remove() {
    LeftoverCleanup.unregister(url)
    if FileManager.default.fileExists(atPath: url.path) { LeftoverCleanup.remove(url) }
  }
}
