import Foundation
import HESPTestSupport

/// One HTTP/1.1 GET over a plain socket, its body read as it arrives: for a chunked answer
/// (the draft's held-open continuation) each CMAF box is timed when its last byte arrived.
struct LiveExchange {
  var status: Int
  var headers: [String: String]
  var body: [UInt8]
  /// Top-level boxes of the body in order: type and arrival time (seconds since 1970).
  var boxes: [(type: String, arrival: Double, start: Int, end: Int)]
  /// A chunked body that ended with its last chunk (not cut).
  var finished = false

  struct Failed: Error, CustomStringConvertible {
    var description: String
  }

  static func get(
    port: Int, _ path: String, headers extra: [String: String] = [:], timeoutSeconds: Int = 20
  ) throws
    -> LiveExchange
  {
    let connection = try RawConnection(port: port, timeoutSeconds: timeoutSeconds)
    var request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
    for (name, value) in extra { request += "\(name): \(value)\r\n" }
    request += "\r\n"
    connection.send(request)

    var raw: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    var exchange = LiveExchange(status: 0, headers: [:], body: [], boxes: [])
    var headEnd: Int?
    var chunked = false
    var position = 0  // next unparsed byte of raw after the head (chunked framing)
    var boxStart = 0  // next unparsed byte of body (box walk)
    var finished = false
    while !finished {
      let count = connection.receive(into: &buffer)
      guard count > 0 else { break }
      let arrival = Date().timeIntervalSince1970
      raw += buffer[..<count]
      if headEnd == nil, let end = Self.find([13, 10, 13, 10], in: raw) {
        headEnd = end + 4
        let lines = String(decoding: raw[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        exchange.status = Int(lines[0].split(separator: " ")[1]) ?? 0
        for line in lines.dropFirst() {
          guard let colon = line.firstIndex(of: ":") else { continue }
          exchange.headers[line[..<colon].lowercased()] = line[line.index(after: colon)...]
            .trimmingCharacters(in: .whitespaces)
        }
        chunked = exchange.headers["transfer-encoding"]?.lowercased() == "chunked"
        position = end + 4
      }
      guard headEnd != nil else { continue }
      if chunked {
        // Take every complete chunk: size line, data, CRLF.
        while let lineEnd = Self.find([13, 10], in: raw, from: position) {
          guard
            let size = Int(
              String(decoding: raw[position..<lineEnd], as: UTF8.self).split(separator: ";")[0],
              radix: 16)
          else { throw Failed(description: "bad chunk size") }
          if size == 0 {
            finished = true
            exchange.finished = true
            break
          }
          guard raw.count >= lineEnd + 2 + size + 2 else { break }
          exchange.body += raw[(lineEnd + 2)..<(lineEnd + 2 + size)]
          position = lineEnd + 2 + size + 2
        }
      } else {
        exchange.body = Array(raw[position...])
        if let length = exchange.headers["content-length"].flatMap(Int.init),
          exchange.body.count >= length
        {
          finished = true
        }
      }
      // Time the boxes completed by these bytes.
      while exchange.body.count - boxStart >= 8 {
        let size = exchange.body[boxStart..<(boxStart + 4)].reduce(0) { $0 << 8 | Int($1) }
        guard size >= 8, exchange.body.count - boxStart >= size else { break }
        let type = String(decoding: exchange.body[(boxStart + 4)..<(boxStart + 8)], as: UTF8.self)
        exchange.boxes.append((type, arrival, boxStart, boxStart + size))
        boxStart += size
      }
    }
    return exchange
  }

  static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int = 0) -> Int? {
    guard haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
    for index in start...(haystack.count - needle.count)
    where haystack[index..<(index + needle.count)].elementsEqual(needle) {
      return index
    }
    return nil
  }

  /// The NTP time (seconds since 1970) of a `prft` v1 box of the body.
  func prftSeconds(_ box: (type: String, arrival: Double, start: Int, end: Int)) -> Double {
    let ntp = body[(box.start + 16)..<(box.start + 24)].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    return Double(ntp >> 32) - 2_208_988_800 + Double(ntp & 0xFFFF_FFFF) / 4_294_967_296
  }

  /// `{"index":…,"offset":…}` of an init packet's initdata emsg.
  func initData() -> (index: Int, offset: Int)? {
    guard let emsg = boxes.first(where: { $0.type == "emsg" }) else { return nil }
    let text = String(decoding: body[emsg.start..<emsg.end], as: UTF8.self)
    guard let open = text.range(of: "{\"index\":") else { return nil }
    let json = text[open.lowerBound...]
    guard let data = json.data(using: .utf8),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Int],
      let index = object["index"]
    else { return nil }
    return (index, object["offset"] ?? 0)
  }
}

/// A GET read on its own thread (a continuation held open while the test does something else).
final class BackgroundExchange: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  private var result: LiveExchange?

  init(port: Int, _ path: String, range: Int) {
    Thread.detachNewThread { [self] in
      result = try? LiveExchange.get(
        port: port, path, headers: range > 0 ? ["Range": "bytes=\(range)-9007199254740991"] : [:])
      done.signal()
    }
  }

  func wait(seconds: Double) -> LiveExchange? {
    done.wait(timeout: .now() + seconds) == .success ? result : nil
  }
}

extension Thread {
  static func detachedExchange(port: Int, _ path: String, range: Int) -> BackgroundExchange {
    BackgroundExchange(port: port, path, range: range)
  }
}
