import Foundation

/// Notes of a running command on stderr: `hesp: LINE`.
package enum Notes {
  package static func write(_ line: String) {
    FileHandle.standardError.write(Data("hesp: \(line)\n".utf8))
  }
}
