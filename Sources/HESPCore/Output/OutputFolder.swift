import Foundation
import Synchronization

/// A folder a hesp command writes (`package -o OUT`, `study -o OUT`): checked, staged, and moved
/// in place only when complete.
///
/// - `init` refuses (throwing `OutputError`, touching nothing) an output that is an input, `.`
///   or a folder holding the working directory or an input; an existing OUT without `force`;
///   and with `force`, anything but a folder hesp wrote (one carrying `.hesp-output`).
/// - Everything is written into `OUT.partial-<pid>-<n>` beside OUT, which carries the marker
///   from the start; `commit()` renames it to OUT without ever replacing what appeared there
///   meanwhile; a forced replacement moves the old output aside, renames the new one in, then
///   removes the old one. Not committed (an error, a release, an interruption): removed.
/// - Stale partials of killed runs beside OUT are named in `notes`, and removed with `force`.
///
/// ```swift
/// let folder = try OutputFolder(path: output, command: "study", inputs: packages + traces, force: force)
/// folder.notes.forEach { print("hesp study: note: \($0)", to: &standardError) }
/// try folder.write(data, to: "results.json")   // or write under folder.stagingURL
/// try folder.commit()
/// ```
public final class OutputFolder: Sendable {
  /// The output as the user wrote it (used in messages).
  public let path: String
  public let finalURL: URL
  /// Where everything is written until `commit()`.
  public let stagingURL: URL
  /// One line per stale partial found beside OUT (and removed, with `force`).
  public let notes: [String]
  private let force: Bool
  /// True once committed or discarded.
  private let isFinished = Mutex(false)

  /// Checks OUT against the rules and creates its staging folder; throws `OutputError`.
  /// `command` is recorded in the marker (`package`); `inputs` are every file or folder read.
  public init(path: String, command: String, inputs: [String], force: Bool) throws {
    self.path = path
    self.force = force
    finalURL = URL(fileURLWithPath: path).standardizedFileURL
    try OutputPlacement.check(path, inputs: inputs)
    try Self.checkExisting(finalURL, path: path, force: force)
    notes = StalePartials.handle(besides: finalURL, remove: force)
    let parent = finalURL.deletingLastPathComponent()
    stagingURL = parent.appendingPathComponent(Self.partialName(of: finalURL))
    let staging = stagingURL
    try LeftoverCleanup.create(staging) {
      guard mkdir(staging.path, 0o755) == 0 else {
        let reason = String(cString: strerror(errno))
        throw OutputError.notWritable(
          path: path,
          reason: "cannot create \(staging.lastPathComponent) in \(parent.path): \(reason)")
      }
    }
    do {
      try OutputMarker.write(command: command, in: stagingURL)
    } catch {
      discard()
      throw OutputError.notWritable(path: path, reason: "cannot write \(OutputMarker.fileName)")
    }
  }

  deinit { discard() }

  /// `NAME.partial-<pid>-<random hex>` (the pid lets a later run tell it is stale).
  static func partialName(of url: URL, tag: String = "") -> String {
    let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 16)
    return "\(url.lastPathComponent).partial-\(getpid())-\(suffix)\(tag)"
  }

  /// An existing OUT passes only as a folder hesp wrote, and only with `force`.
  static func checkExisting(_ url: URL, path: String, force: Bool) throws {
    var info = stat()
    guard stat(url.path, &info) == 0 else {
      if lstat(url.path, &info) == 0 { throw OutputError.wrongKind(path: path, expected: "folder") }
      return
    }
    guard (info.st_mode & S_IFMT) == S_IFDIR else {
      throw OutputError.wrongKind(path: path, expected: "folder")
    }
    let madeByHESP = OutputMarker.isPresent(in: url)
    guard force else { throw OutputError.exists(path: path, madeByHESP: madeByHESP) }
    guard madeByHESP else { throw OutputError.notMadeByHESP(path: path) }
  }

  /// The staging location of `relativePath`.
  public func url(_ relativePath: String) -> URL {
    stagingURL.appendingPathComponent(relativePath)
  }

  /// Creates `relativePath` (and parents) inside the staging folder, one level at a time, so
  /// that it fails instead of bringing the staging folder back once an interruption removed it.
  @discardableResult
  public func makeDirectory(_ relativePath: String) throws -> URL {
    var url = stagingURL
    for component in relativePath.split(separator: "/") {
      url.appendPathComponent(String(component), isDirectory: true)
      if mkdir(url.path, 0o755) != 0 && errno != EEXIST {
        throw OutputError.notWritable(path: url.path, reason: String(cString: strerror(errno)))
      }
    }
    return url
  }

  /// Writes `data` to `relativePath` inside the staging folder (its folder must exist).
  public func write(_ data: Data, to relativePath: String) throws {
    let url = url(relativePath)
    do { try data.write(to: url) } catch {
      throw OutputError.notWritable(path: url.path, reason: OutputError.reason(of: error))
    }
  }

  /// Moves the staging folder to OUT. Throws `OutputError.appearedMeanwhile` (and discards this
  /// run's output) when something OUT may not replace appeared there while writing.
  public func commit() throws {
    try LeftoverCleanup.uninterrupted {
      try isFinished.withLock { isFinished in
        precondition(!isFinished, "OutputFolder committed or discarded twice")
        try moveInPlace()
        isFinished = true
        LeftoverCleanup.unregister(stagingURL)
      }
    }
  }

  private func moveInPlace() throws {
    var aside: URL?
    if force, (try? Self.checkExisting(finalURL, path: path, force: true)) != nil,
      FileManager.default.fileExists(atPath: finalURL.path)
    {
      let url = finalURL.deletingLastPathComponent().appendingPathComponent(
        Self.partialName(of: finalURL, tag: "-replaced"))
      do { try NoReplaceRename.rename(finalURL.path, to: url.path) } catch {
        throw OutputError.notWritable(path: path, reason: "cannot move it aside: \(error.message)")
      }
      aside = url
    }
    defer { if let aside { LeftoverCleanup.remove(aside) } }
    do {
      try NoReplaceRename.rename(stagingURL.path, to: finalURL.path)
    } catch {
      // Put the old output back when nothing took its place (then it is not removed).
      if let old = aside, (try? NoReplaceRename.rename(old.path, to: finalURL.path)) != nil {
        aside = nil
      }
      throw Self.moveError(error, path: path)
    }
  }

  private static func moveError(_ error: POSIXError, path: String) -> OutputError {
    switch error.code {
    case .EEXIST, .ENOTEMPTY: return .appearedMeanwhile(path: path)
    default: return .notWritable(path: path, reason: "cannot move it in place: \(error.message)")
    }
  }

  /// Removes the staging folder (nothing happens after `commit()`).
  public func discard() {
    let pending = isFinished.withLock { isFinished in
      defer { isFinished = true }
      return !isFinished
    }
    guard pending else { return }
    LeftoverCleanup.unregister(stagingURL)
    LeftoverCleanup.remove(stagingURL)
  }
}
