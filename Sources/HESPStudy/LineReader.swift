import Foundation
import HESPProtocols

/// Reads a file line by line (`\n`) in 1 MiB blocks: memory holds about one block and one line.
struct LineReader {
  private let handle: FileHandle
  private var buffer = Data()
  /// Start of the unread part of `buffer`.
  private var position = 0
  private var atEnd = false

  init(path: String) throws {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw ProtocolInputError("\(path): cannot read")
    }
    self.handle = handle
  }

  /// The next line without its newline, or nil at the end of the file.
  mutating func next() throws -> Data? {
    while true {
      let start = buffer.startIndex + position
      if let newline = buffer[start...].firstIndex(of: 0x0A) {
        position = newline + 1 - buffer.startIndex
        return Data(buffer[start..<newline])
      }
      if atEnd {
        guard start < buffer.endIndex else { return nil }
        position = buffer.count
        return Data(buffer[start...])
      }
      buffer = Data(buffer[start...])
      position = 0
      let block = handle.readData(ofLength: 1 << 20)
      if block.isEmpty { atEnd = true } else { buffer.append(block) }
    }
  }
}
