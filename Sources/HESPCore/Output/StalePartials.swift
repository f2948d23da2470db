import Foundation

/// Staging copies of an output left by a run that was killed (`OUT.partial-<pid>-…`, or
/// `.OUT.partial-<pid>-….removing` when it died while removing them) whose process has ended.
public enum StalePartials {
  public struct Leftover: Sendable, Equatable {
    public var url: URL
    /// The process that made it (no longer running).
    public var processID: Int32
  }

  /// The stale partials beside `output`: a folder must carry the hesp marker, a file only the name.
  public static func find(besides output: URL) -> [Leftover] {
    let parent = output.deletingLastPathComponent()
    let prefix = "\(output.lastPathComponent).partial-"
    let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
    return names.sorted().compactMap { name -> Leftover? in
      var rest = Substring(name)
      if rest.hasPrefix("."), rest.hasSuffix(".removing") {
        rest = rest.dropFirst().dropLast(".removing".count)
      }
      guard rest.hasPrefix(prefix),
        let processID = Int32(rest.dropFirst(prefix.count).prefix(while: \.isNumber)),
        processID > 0, processID != getpid(), !isRunning(processID)
      else { return nil }
      let url = parent.appendingPathComponent(name)
      var info = stat()
      guard lstat(url.path, &info) == 0 else { return nil }
      let isFolder = (info.st_mode & S_IFMT) == S_IFDIR
      let isFile = (info.st_mode & S_IFMT) == S_IFREG
      guard isFile || (isFolder && OutputMarker.isPresent(in: url)) else { return nil }
      return Leftover(url: url, processID: processID)
    }
  }

  /// Names the stale partials beside `output` and, with `remove`, removes them: one note each.
  public static func handle(besides output: URL, remove: Bool) -> [String] {
    find(besides: output).map { leftover in
      let name = leftover.url.lastPathComponent
      let origin = "left by an interrupted run (process \(leftover.processID) has ended)"
      guard remove else { return "\(name): \(origin); --force removes it" }
      LeftoverCleanup.remove(leftover.url)
      return "\(name): \(origin); removed"
    }
  }

  static func isRunning(_ processID: Int32) -> Bool {
    kill(processID, 0) == 0 || errno == EPERM
  }
}
