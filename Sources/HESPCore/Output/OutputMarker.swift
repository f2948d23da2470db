import Foundation

/// The file hesp writes in every output folder it makes (`.hesp-output`, holding the command
/// that made it): `--force` replaces a folder only when it carries one.
public enum OutputMarker {
  public static let fileName = ".hesp-output"

  /// Writes the marker naming `command` (e.g. `package`) into `folder`.
  public static func write(command: String, in folder: URL) throws {
    try Data("hesp \(command)\n".utf8).write(to: folder.appendingPathComponent(fileName))
  }

  /// True when `folder` carries a marker (a regular file, not a link or folder).
  public static func isPresent(in folder: URL) -> Bool {
    var info = stat()
    return lstat(folder.appendingPathComponent(fileName).path, &info) == 0
      && (info.st_mode & S_IFMT) == S_IFREG
  }

  /// The command recorded in the marker of `folder` (`package`, `study`), nil without one.
  public static func command(in folder: URL) -> String? {
    guard isPresent(in: folder),
      let text = try? String(contentsOf: folder.appendingPathComponent(fileName), encoding: .utf8)
    else { return nil }
    let line = text.split(separator: "\n").first.map(String.init) ?? ""
    return line.hasPrefix("hesp ") ? String(line.dropFirst(5)) : line
  }
}
