import Foundation
import HESPCore
import HTTPTypes

/// One line per request: time, client, method and target, status, body bytes, time to answer,
/// the `Range` asked for and the CMCD keys (CTA-5004) when the client sends them, as
/// `CMCD-Request`/`-Object`/`-Status`/`-Session` headers or a `CMCD=` query parameter. Every
/// value from the client is escaped (no control characters, quotes or backslashes unescaped),
/// so a request cannot forge a log line.
public struct AccessLog: Sendable {
  public let write: @Sendable (String) -> Void
  /// Waits until every line written so far has left (the server calls it when it stops).
  public let flush: @Sendable () -> Void

  public init(
    write: @escaping @Sendable (String) -> Void, flush: @escaping @Sendable () -> Void = {}
  ) {
    self.write = write
    self.flush = flush
  }

  /// Lines to standard error, buffered: an event loop only appends a line to memory; a thread
  /// of the log's own writes them out in batches (no `write` system call per request on an
  /// event loop, and a slow stderr reader slows no request).
  public static var standardError: AccessLog {
    let buffer = LineBuffer(descriptor: 2)
    return AccessLog(write: { buffer.append($0) }, flush: { buffer.flush() })
  }

  static let cmcdHeaders = ["CMCD-Request", "CMCD-Object", "CMCD-Status", "CMCD-Session"].compactMap
  { HTTPField.Name($0) }

  /// The line for one request.
  static func line(
    client: String?, request: HTTPRequest, status: Int, bodyBytes: Int?, elapsed: Duration,
    date: Date
  ) -> String {
    let target = request.path ?? ""
    var line =
      "\(Self.timestamp(date)) \(client ?? "-") \"\(request.method.rawValue) \(escaped(target, limit: 1024))\""
    line += " \(status) \(bodyBytes.map(String.init) ?? "-")"
    let micros =
      elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
    line += " \(String(format: "%.3f", Double(micros) / 1000))ms"
    if let range = request.headerFields[.range] {
      line += " range=\"\(escaped(range, limit: 128))\""
    }
    if let cmcd = cmcd(request) { line += " cmcd=\"\(escaped(cmcd, limit: 512))\"" }
    return line
  }

  /// CMCD keys of a request (headers first, then the `CMCD` query parameter), or nil.
  static func cmcd(_ request: HTTPRequest) -> String? {
    var parts = cmcdHeaders.compactMap { request.headerFields[$0] }.filter { !$0.isEmpty }
    if let path = request.path, let mark = path.firstIndex(of: "?") {
      for pair in path[path.index(after: mark)...].split(separator: "&")
      where pair.hasPrefix("CMCD=") {
        let value = String(pair.dropFirst(5))
        parts.append(value.removingPercentEncoding ?? value)
      }
    }
    return parts.isEmpty ? nil : parts.joined(separator: ",")
  }

  static func escaped(_ text: String, limit: Int) -> String {
    var out = ""
    for scalar in text.unicodeScalars.prefix(limit) {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case _ where scalar.value < 0x20 || scalar.value == 0x7F:
        out += String(format: "\\x%02x", scalar.value)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return text.unicodeScalars.count > limit ? out + "..." : out
  }

  /// `2026-12-06T14:04:46.665Z` (what `UTCTime.iso8601` writes, without Foundation's formatter:
  /// that cost microseconds per line).
  static func timestamp(_ date: Date) -> String {
    let interval = date.timeIntervalSince1970
    let whole = interval.rounded(.down)
    var seconds = time_t(whole)
    let fraction = min(999, Int(((interval - whole) * 1000).rounded(.down)))
    var parts = tm()
    gmtime_r(&seconds, &parts)
    var text = ""
    text.reserveCapacity(24)
    func digits(_ value: Int, _ count: Int) {
      var string = String(value)
      while string.utf8.count < count { string = "0" + string }
      text += string
    }
    digits(Int(parts.tm_year) + 1900, 4)
    text += "-"
    digits(Int(parts.tm_mon) + 1, 2)
    text += "-"
    digits(Int(parts.tm_mday), 2)
    text += "T"
    digits(Int(parts.tm_hour), 2)
    text += ":"
    digits(Int(parts.tm_min), 2)
    text += ":"
    digits(Int(parts.tm_sec), 2)
    text += "."
    digits(fraction, 3)
    text += "Z"
    return text
  }
}

/// Lines appended by any thread, written to a file descriptor by a thread of its own, in
/// batches: it waits `batchInterval` after each write so lines arriving meanwhile go together.
// @unchecked: `pending` and `writing` are guarded by `condition` (the writer thread waits on it;
// a `Mutex` cannot wait for a change, as in the packager's `BlockingQueue`).
final class LineBuffer: @unchecked Sendable {
  static let batchInterval: TimeInterval = 0.01
  private let descriptor: Int32
  private let condition = NSCondition()
  /// Guarded by `condition`.
  private var pending: [UInt8] = []
  private var writing = false

  init(descriptor: Int32) {
    self.descriptor = descriptor
    _ = DedicatedThread<Void, Never>(name: "hesp-access-log", stackSize: 512 << 10) { [self] in
      run()
    }
  }

  func append(_ line: String) {
    condition.lock()
    let wasEmpty = pending.isEmpty
    pending.append(contentsOf: line.utf8)
    pending.append(UInt8(ascii: "\n"))
    if wasEmpty, !writing { condition.broadcast() }
    condition.unlock()
  }

  /// Returns once every line appended before the call has been written.
  func flush() {
    condition.lock()
    while !pending.isEmpty || writing { condition.wait() }
    condition.unlock()
  }

  private func run() {
    var batch: [UInt8] = []
    while true {
      condition.lock()
      while pending.isEmpty { condition.wait() }
      swap(&batch, &pending)
      writing = true
      condition.unlock()
      batch.withUnsafeBytes { bytes in
        var offset = 0
        while offset < bytes.count {
          let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
          if written < 0, errno == EINTR { continue }
          guard written > 0 else { break }
          offset += written
        }
      }
      batch.removeAll(keepingCapacity: true)
      condition.lock()
      writing = false
      condition.broadcast()
      condition.unlock()
      Thread.sleep(forTimeInterval: Self.batchInterval)
    }
  }
}
