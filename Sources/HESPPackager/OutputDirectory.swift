import Foundation

/// The package being written: a `OUT.partial-<pid>-<n>` sibling of OUT, renamed to OUT only when
/// everything is written, removed on failure, so no half package ever looks complete.
final class OutputDirectory {
  let finalURL: URL
  let partialURL: URL
  private var isCommitted = false

  /// Refuses an existing OUT without `force`; fails with `outputNotWritable` when the partial
  /// directory cannot be created next to OUT.
  init(path: String, force: Bool) throws {
    finalURL = URL(fileURLWithPath: path).standardizedFileURL
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: finalURL.path, isDirectory: &isDirectory) {
      guard force else { throw PackagingError.outputExists(path: path) }
      guard isDirectory.boolValue else {
        throw PackagingError.outputNotWritable(
          path: path, reason: "it exists and is not a directory")
      }
    }
    let parent = finalURL.deletingLastPathComponent()
    let suffix = UInt32.random(in: 0...UInt32.max)
    partialURL = parent.appendingPathComponent(
      "\(finalURL.lastPathComponent).partial-\(getpid())-\(String(suffix, radix: 16))")
    if mkdir(partialURL.path, 0o755) != 0 {
      let reason = String(cString: strerror(errno))
      throw PackagingError.outputNotWritable(
        path: path,
        reason: "cannot create \(partialURL.lastPathComponent) in \(parent.path): \(reason)")
    }
    PartialOutputs.register(partialURL)
  }

  deinit {
    if !isCommitted { try? FileManager.default.removeItem(at: partialURL) }
    PartialOutputs.unregister(partialURL)
  }

  /// Creates `relativePath` (and parents) inside the partial directory, one level at a time, so
  /// that it fails instead of bringing the partial directory back once an interruption removed it.
  func makeDirectory(_ relativePath: String) throws -> URL {
    var url = partialURL
    for component in relativePath.split(separator: "/") {
      url.appendPathComponent(String(component), isDirectory: true)
      if mkdir(url.path, 0o755) != 0 && errno != EEXIST {
        throw PackagingError.writingFailed(path: url.path, reason: String(cString: strerror(errno)))
      }
    }
    return url
  }

  func write(_ data: [UInt8], to name: String) throws {
    let url = partialURL.appendingPathComponent(name)
    do {
      try Data(data).write(to: url)
    } catch {
      throw PackagingError.writingFailed(path: url.path, reason: Self.reason(error))
    }
  }

  /// Replaces OUT (when forced) and renames the partial directory to it.
  func commit() throws {
    let manager = FileManager.default
    do {
      if manager.fileExists(atPath: finalURL.path) { try manager.removeItem(at: finalURL) }
      try manager.moveItem(at: partialURL, to: finalURL)
      isCommitted = true
    } catch {
      throw PackagingError.writingFailed(path: finalURL.path, reason: Self.reason(error))
    }
  }

  private static func reason(_ error: Error) -> String {
    let nsError = error as NSError
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain,
      let code = POSIXErrorCode(rawValue: Int32(underlying.code))
    {
      return String(cString: strerror(code.rawValue))
    }
    return nsError.localizedDescription
  }
}
