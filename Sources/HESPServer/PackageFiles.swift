import CDispatch
import Foundation

/// The regular files of a package folder, found once at start: the only files `hesp serve` can
/// ever answer with. A symbolic link is followed only when it resolves inside the package's own
/// real folder; a linked folder is never entered; hidden names (`.hesp-output`) are left out.
struct PackageFiles {
  struct Entry {
    /// Path segments below the package folder.
    var segments: [String]
    /// Real path on disk (links resolved).
    var path: String
    var sizeBytes: Int
    var modified: Date
  }

  /// The package folder with links resolved.
  let rootPath: String
  let entries: [Entry]
  /// Links and other entries left out (pointing outside, not regular), for a note.
  let skipped: [String]

  static let maximumDepth = 16
  static let maximumFileCount = 2_000_000

  init(directory: String) throws {
    guard let root = Self.realPath(directory) else { throw ServeError.noSuchFolder(directory) }
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: root, isDirectory: &isFolder), isFolder.boolValue
    else {
      throw ServeError.notAFolder(directory)
    }
    rootPath = root
    var entries: [Entry] = []
    var skipped: [String] = []
    try Self.walk(root: root, folder: root, segments: [], entries: &entries, skipped: &skipped)
    self.entries = entries
    self.skipped = skipped
  }

  private static func walk(
    root: String, folder: String, segments: [String], entries: inout [Entry],
    skipped: inout [String]
  ) throws {
    guard segments.count < maximumDepth else {
      skipped.append(segments.joined(separator: "/"))
      return
    }
    let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    for name in names where !name.hasPrefix(".") {
      let path = folder + "/" + name
      let relative = segments + [name]
      var info = stat()
      guard lstat(path, &info) == 0 else { continue }
      switch info.st_mode & S_IFMT {
      case S_IFDIR:
        try walk(root: root, folder: path, segments: relative, entries: &entries, skipped: &skipped)
      case S_IFREG:
        entries.append(
          Entry(
            segments: relative, path: path, sizeBytes: Int(info.st_size), modified: modified(info)))
      case S_IFLNK:
        // Followed only to a regular file inside the package's real folder.
        var target = stat()
        guard let resolved = realPath(path), resolved.hasPrefix(root + "/"),
          stat(resolved, &target) == 0,
          target.st_mode & S_IFMT == S_IFREG
        else {
          skipped.append(relative.joined(separator: "/"))
          continue
        }
        entries.append(
          Entry(
            segments: relative, path: resolved, sizeBytes: Int(target.st_size),
            modified: modified(target)))
      default:
        skipped.append(relative.joined(separator: "/"))
      }
      guard entries.count <= maximumFileCount else {
        throw ServeError.tooManyFiles(root, maximumFileCount)
      }
    }
  }

  static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// A file's modification time as the stores keep it (`SharedFile` compares with it).
  static func modified(_ info: stat) -> Date {
    Date(timeIntervalSince1970: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
  }
}
