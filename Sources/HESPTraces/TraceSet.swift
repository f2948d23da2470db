import Foundation

/// The traces of a command line's trace files and folders, in a fixed order, with notes for the
/// user. One loader for every command (`simulate`, `study`, `demo`), so a folder of traces
/// behaves the same everywhere:
/// - a folder is read recursively, its files sorted byte-wise by their path inside it;
/// - documentation and scripts (`README`, `LICENSE`, `*.md`, `*.py`, ...) are skipped, with a note;
/// - a Mahimahi uplink trace (`*.up`) in a folder is skipped, with a note (give the file itself
///   to replay it as a downlink);
/// - a file given by name is imported whatever its name;
/// - traces are named by `TraceNaming` (as typed, never by absolute path), made unique.
///
/// The loader prints nothing: the notes are for the caller to show.
public struct TraceSet: Sendable {
  /// Every trace, in command-line order, folders expanded in sorted order.
  public var traces: [NamedTrace]
  /// What was skipped and how many traces each folder gave, then the total; one line each.
  public var notes: [String]
  /// The names given so far, and the next `#n` to try for each (loading stays linear in the
  /// number of traces, however many share a name).
  private var taken: Set<String> = []
  private var nextSuffix: [String: Int] = [:]

  /// Reads every path (a trace file or a folder of traces).
  /// - Throws: `TraceError` for a missing path, a folder without trace files, or a trace that
  ///   cannot be imported (file, line and reason from the importer).
  public static func load(
    paths: [String], format: TraceFormat? = nil, options: TraceImportOptions = .init()
  ) throws(TraceError) -> TraceSet {
    guard !paths.isEmpty else { throw TraceError(source: "--trace", reason: "no trace given") }
    var set = TraceSet(traces: [], notes: [])
    for path in paths {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw TraceError(source: path, reason: "no such file or folder")
      }
      if isDirectory.boolValue {
        try set.addFolder(path, format: format, options: options)
      } else {
        try set.add(
          file: path, name: TraceNaming.displayName(ofTyped: path), format: format, options: options
        )
      }
    }
    set.notes.append("\(set.traces.count) trace\(set.traces.count == 1 ? "" : "s") found")
    return set
  }

  private mutating func addFolder(_ path: String, format: TraceFormat?, options: TraceImportOptions)
    throws(TraceError)
  {
    let folder = TraceFolder(root: path)
    let shown =
      TraceNaming.displayName(ofTyped: path).isEmpty ? path : TraceNaming.displayName(ofTyped: path)
    if !folder.nonTraceFiles.isEmpty {
      notes.append(
        "\(shown): skipped \(Self.count(folder.nonTraceFiles.count, "non-trace file")): "
          + folder.nonTraceFiles.joined(separator: ", "))
    }
    if !folder.uplinkFiles.isEmpty {
      notes.append(
        "\(shown): skipped \(Self.count(folder.uplinkFiles.count, "uplink trace")) (give the file itself "
          + "to replay it as a downlink): " + folder.uplinkFiles.joined(separator: ", "))
    }
    guard !folder.files.isEmpty else {
      throw TraceError(source: path, reason: "folder has no trace files")
    }
    for file in folder.files {
      try add(
        file: (path as NSString).appendingPathComponent(file),
        name: TraceNaming.displayName(ofFile: file, inTyped: path), format: format, options: options
      )
    }
    notes.append(
      "\(shown): \(Self.count(folder.files.count, "trace"))"
        + (folder.subfolders.isEmpty
          ? "" : ", subfolders read recursively: " + folder.subfolders.joined(separator: ", ")))
  }

  private mutating func add(
    file: String, name: String, format: TraceFormat?, options: TraceImportOptions
  ) throws(TraceError) {
    let trace: NetworkTrace
    do {
      trace = try NetworkTrace.load(
        from: URL(fileURLWithPath: file), format: format, options: options)
    } catch {
      // Name the file as the user gave it (the importers name the absolute path of the URL).
      var named = error as? TraceError ?? TraceError(source: file, reason: "\(error)")
      named.source = file
      throw named
    }
    traces.append(NamedTrace(name: uniqueName(name), path: file, trace: trace))
  }

  /// `name`, or `name#2`, `name#3`, ... when an earlier trace has it.
  private mutating func uniqueName(_ name: String) -> String {
    var unique = name
    if taken.contains(name) {
      var n = nextSuffix[name, default: 2]
      while taken.contains("\(name)#\(n)") { n += 1 }
      nextSuffix[name] = n + 1
      unique = "\(name)#\(n)"
    }
    taken.insert(unique)
    return unique
  }

  static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
