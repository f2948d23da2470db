import Foundation
import HESPProtocols
import HESPTraces

/// Loads traces from files and folders (every non-hidden file of a folder except docs), in any
/// format the importers detect.
enum StudyTraceLoader {
  static let skippedExtensions: Set<String> = ["md", "txt", "html", "pdf", "py", "sh"]

  static func load(paths: [String], options: TraceImportOptions, format: TraceFormat?) throws -> [NamedTrace] {
    var traces: [NamedTrace] = []
    for path in paths {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw ProtocolInputError("\(path): no such file or folder")
      }
      var files = [path]
      if isDirectory.boolValue {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        files = names.filter { name in
          !name.hasPrefix(".") && !name.uppercased().hasPrefix("README") && !name.uppercased().hasPrefix("LICENSE")
            && !skippedExtensions.contains((name as NSString).pathExtension.lowercased())
        }
          .sorted().map { (path as NSString).appendingPathComponent($0) }
          .filter { file in
            var dir: ObjCBool = false
            return FileManager.default.fileExists(atPath: file, isDirectory: &dir) && !dir.boolValue
          }
        guard !files.isEmpty else { throw ProtocolInputError("\(path): folder has no trace files") }
      }
      for file in files {
        do {
          let trace = try NetworkTrace.load(from: URL(fileURLWithPath: file), format: format, options: options)
          traces.append(NamedTrace(name: file, trace: trace))
        } catch let error as TraceError {
          throw ProtocolInputError(error.description)
        }
      }
    }
    guard !traces.isEmpty else { throw ProtocolInputError("--trace: no trace given") }
    return traces
  }
}
