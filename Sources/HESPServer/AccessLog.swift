import Foundation
import HTTPTypes

/// One line per request: time, client, method and target, status, body bytes, time to answer,
/// the `Range` asked for and the CMCD keys (CTA-5004) when the client sends them, as
/// `CMCD-Request`/`-Object`/`-Status`/`-Session` headers or a `CMCD=` query parameter. Every
/// value from the client is escaped (no control characters, quotes or backslashes unescaped),
/// so a request cannot forge a log line.
public struct AccessLog: Sendable {
  public let write: @Sendable (String) -> Void

  public init(write: @escaping @Sendable (String) -> Void) {
    self.write = write
  }

  /// Lines to standard error.
  public static let standardError = AccessLog { line in
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }

  static let cmcdHeaders = ["CMCD-Request", "CMCD-Object", "CMCD-Status", "CMCD-Session"].compactMap { HTTPField.Name($0) }

  /// The line for one request.
  static func line(
    client: String?, request: HTTPRequest, status: Int, bodyBytes: Int?, elapsed: Duration, date: Date
  ) -> String {
    let target = request.path ?? ""
    var line = "\(Self.timestamp(date)) \(client ?? "-") \"\(request.method.rawValue) \(escaped(target, limit: 1024))\""
    line += " \(status) \(bodyBytes.map(String.init) ?? "-")"
    let micros = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
    line += " \(String(format: "%.3f", Double(micros) / 1000))ms"
    if let range = request.headerFields[.range] { line += " range=\"\(escaped(range, limit: 128))\"" }
    if let cmcd = cmcd(request) { line += " cmcd=\"\(escaped(cmcd, limit: 512))\"" }
    return line
  }

  /// CMCD keys of a request (headers first, then the `CMCD` query parameter), or nil.
  static func cmcd(_ request: HTTPRequest) -> String? {
    var parts = cmcdHeaders.compactMap { request.headerFields[$0] }.filter { !$0.isEmpty }
    if let path = request.path, let mark = path.firstIndex(of: "?") {
      for pair in path[path.index(after: mark)...].split(separator: "&") where pair.hasPrefix("CMCD=") {
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

  static func timestamp(_ date: Date) -> String { UTCTime.iso8601(date) }
}
