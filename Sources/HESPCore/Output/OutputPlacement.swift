import Foundation

/// Where an output may go, whatever `--force` says: never onto an input, never onto `.` or a
/// folder holding the working directory, never onto a folder holding an input. Paths are
/// compared after resolving symbolic links (and `..`), files also by device and inode.
public enum OutputPlacement {
  /// Throws `OutputError` when `path` is an input, holds the working directory, or holds an
  /// input. `inputs` are files or folders, as the user wrote them.
  public static func check(_ path: String, inputs: [String]) throws {
    let output = canonicalComponents(path)
    for input in inputs {
      let canonicalInput = canonicalComponents(input)
      if canonicalInput == output || sameFile(path, input) {
        throw OutputError.isAnInput(path: path)
      }
    }
    if isPrefix(output, of: canonicalComponents(FileManager.default.currentDirectoryPath)) {
      throw OutputError.holdsTheWorkingDirectory(path: path)
    }
    for input in inputs where isPrefix(output, of: canonicalComponents(input)) {
      throw OutputError.holdsAnInput(path: path, input: input)
    }
  }

  /// The absolute path with every existing part's symbolic links resolved, as components:
  /// the longest prefix `realpath` resolves, then the missing rest taken literally.
  static func canonicalComponents(_ path: String) -> [String] {
    let absolute =
      path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    let parts = absolute.split(separator: "/").map(String.init)
    for count in stride(from: parts.count, through: 0, by: -1) {
      guard let resolved = realpath("/" + parts.prefix(count).joined(separator: "/"), nil) else {
        continue
      }
      var components = String(cString: resolved).split(separator: "/").map(String.init)
      free(resolved)
      for part in parts.dropFirst(count) {
        switch part {
        case ".": continue
        case "..": if !components.isEmpty { components.removeLast() }
        default: components.append(part)
        }
      }
      return components
    }
    return parts
  }

  private static func isPrefix(_ prefix: [String], of path: [String]) -> Bool {
    prefix.count <= path.count && Array(path.prefix(prefix.count)) == prefix
  }

  /// Both exist and are the same file (hard links, links to it).
  private static func sameFile(_ a: String, _ b: String) -> Bool {
    var first = stat()
    var second = stat()
    return stat(a, &first) == 0 && stat(b, &second) == 0 && first.st_dev == second.st_dev
      && first.st_ino == second.st_ino
  }
}
