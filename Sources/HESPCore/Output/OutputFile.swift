import Foundation

/// A single file a hesp command writes (`trace convert -o FILE`): checked, written through a
/// temporary sibling and renamed in place.
///
/// - `init` refuses (throwing `OutputError`, touching nothing) a path that is an input (also
///   through a link), `.` or a folder holding the working directory or an input, a folder, and
///   an existing file without `force`.
/// - `write(_:)` writes `NAME.partial-<pid>-<n>` beside it and renames it to the path: without
///   `force` the rename never replaces a file that appeared meanwhile; with `force` it replaces
///   atomically. The temporary file never outlives the run (errors, interruptions).
/// - Stale temporary files of killed runs are named in `notes`, and removed with `force`.
public struct OutputFile: Sendable {
  /// The output as the user wrote it (used in messages).
  public let path: String
  public let url: URL
  /// One line per stale temporary file found beside the output (and removed, with `force`).
  public let notes: [String]
  private let force: Bool

  /// Checks the path against the rules; throws `OutputError`. `inputs` are every file read.
  public init(path: String, inputs: [String], force: Bool) throws {
    self.path = path
    self.force = force
    url = URL(fileURLWithPath: path).standardizedFileURL
    try OutputPlacement.check(path, inputs: inputs)
    var info = stat()
    if lstat(url.path, &info) == 0 {
      if stat(url.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
        throw OutputError.wrongKind(path: path, expected: "file")
      }
      guard force else { throw OutputError.exists(path: path, madeByHESP: true) }
    }
    notes = StalePartials.handle(besides: url, remove: force)
  }

  /// Writes `data` to the temporary sibling, then renames it to the path. Throws `OutputError`.
  public func write(_ data: Data) throws {
    let temporary = url.deletingLastPathComponent().appendingPathComponent(
      OutputFolder.partialName(of: url))
    var descriptor: Int32 = -1
    try LeftoverCleanup.create(temporary) {
      descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
      guard descriptor >= 0 else {
        throw OutputError.notWritable(path: path, reason: String(cString: strerror(errno)))
      }
    }
    defer {
      LeftoverCleanup.unregister(temporary)
      unlink(temporary.path)
    }
    let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    do {
      try handle.write(contentsOf: data)
      try handle.close()
    } catch {
      throw OutputError.notWritable(path: path, reason: OutputError.reason(of: error))
    }
    try LeftoverCleanup.uninterrupted {
      if force {
        guard rename(temporary.path, url.path) == 0 else {
          throw OutputError.notWritable(path: path, reason: String(cString: strerror(errno)))
        }
        return
      }
      do throws(POSIXError) { try NoReplaceRename.rename(temporary.path, to: url.path) } catch {
        guard error.code != .EEXIST else { throw OutputError.appearedMeanwhile(path: path) }
        throw OutputError.notWritable(path: path, reason: error.message)
      }
    }
  }
}
