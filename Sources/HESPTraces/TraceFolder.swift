import Foundation

/// The files of a trace folder, read recursively in a fixed order, with what was left out.
struct TraceFolder {
  /// Paths inside the folder of the files to import, sorted byte-wise.
  var files: [String] = []
  /// Documentation and scripts (`README`, `LICENSE`, `*.md`, `*.py`, ...), relative paths.
  var nonTraceFiles: [String] = []
  /// Mahimahi uplink traces (`*.up`): never used as a downlink unless given as a file.
  var uplinkFiles: [String] = []
  /// Subfolders that were read, relative paths.
  var subfolders: [String] = []

  /// Extensions of files that are not traces.
  static let nonTraceExtensions: Set<String> = [
    "md", "markdown", "rst", "txt", "html", "htm", "pdf", "py", "ipynb", "sh", "r", "m", "zip",
    "gz", "tar",
    "png", "jpg", "jpeg", "svg",
  ]
  /// Name prefixes (upper case) of files that are not traces.
  static let nonTracePrefixes = [
    "README", "LICENSE", "LICENCE", "COPYING", "NOTICE", "ATTRIBUTION", "CHANGELOG",
  ]

  static func isNonTrace(_ name: String) -> Bool {
    let upper = name.uppercased()
    if nonTracePrefixes.contains(where: { upper.hasPrefix($0) }) { return true }
    return nonTraceExtensions.contains((name as NSString).pathExtension.lowercased())
  }

  /// Lists `root` and its subfolders (hidden entries are ignored; a folder reached twice through
  /// symbolic links is read once).
  init(root: String) {
    var visited: Set<String> = []
    walk(root: root, relative: "", visited: &visited)
    let byteOrder: (String, String) -> Bool = {
      Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8))
    }
    files.sort(by: byteOrder)
    nonTraceFiles.sort(by: byteOrder)
    uplinkFiles.sort(by: byteOrder)
    subfolders.sort(by: byteOrder)
  }

  private mutating func walk(root: String, relative: String, visited: inout Set<String>) {
    let folder = relative.isEmpty ? root : (root as NSString).appendingPathComponent(relative)
    let resolved = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
    guard visited.insert(resolved).inserted else { return }
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    for name in names where !name.hasPrefix(".") {
      let inside = relative.isEmpty ? name : relative + "/" + name
      var isDirectory: ObjCBool = false
      guard
        FileManager.default.fileExists(
          atPath: (folder as NSString).appendingPathComponent(name), isDirectory: &isDirectory)
      else { continue }
      if isDirectory.boolValue {
        subfolders.append(inside)
        walk(root: root, relative: inside, visited: &visited)
      } else if Self.isNonTrace(name) {
        nonTraceFiles.append(inside)
      } else if (name as NSString).pathExtension.lowercased() == "up" {
        uplinkFiles.append(inside)
      } else {
        files.append(inside)
      }
    }
  }
}
