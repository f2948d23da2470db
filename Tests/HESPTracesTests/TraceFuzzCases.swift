import Foundation
import HESPCore
import HESPTestSupport

/// HESPCore's SplitMix64 with the fuzz draws of HESPTestSupport (`index`, `pick`).
typealias SeededGenerator = SplitMix64

/// Generated trace texts, invalid and extreme, for every format. Deterministic.
enum TraceFuzzCases {
  /// Numbers at the edges of what a `Double` and the importers accept, as text.
  static let extremeNumbers = [
    "0", "-0", "1", "-1", "1e-9", "0.0001", "0.0005", "0.001", "0.5", "999", "1000", "60000",
    "60001",
    "1e8", "100000001", "1e12", "1e308", "-1e308", "1.7976931348623157e308", "1e400", "5e-324",
    "nan", "NaN", "inf", "-inf", "Infinity", "0x1p3", "", "1e", ".", "--1", "1.2.3",
    "99999999999999999999999", "604800", "604801", "200000", "9223372036854775807",
    "9223372036854775808",
  ]

  /// Random bytes, decoded with replacement characters so they reach the parsers as text.
  static func garbage(_ random: inout SeededGenerator, count: Int) -> String {
    let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// A valid-looking trace in `format` whose values are drawn from `extremeNumbers` (and sane
  /// ones), with rows sometimes out of order.
  static func extremeTrace(format: String, _ random: inout SeededGenerator) -> String {
    let rows = 1 + random.index(6)
    func value() -> String {
      random.index(3) == 0
        ? random.pick(["1", "2", "3", "10", "0.25"]) : random.pick(extremeNumbers)
    }
    switch format {
    case "mahimahi":
      return (0..<rows).map { _ in
        random.pick(["0", "1", "5", "100", "99", "604800001", "1e3", "-4", value()])
      }
      .joined(separator: "\n")
    case "pensieve":
      return (0..<rows).map { _ in "\(value())\t\(value())" }.joined(separator: "\n")
    case "sabre":
      let periods = (0..<rows).map { _ in
        #"{"duration_ms": \#(jsonNumber(value())), "bandwidth_kbps": \#(jsonNumber(value())), "latency_ms": \#(jsonNumber(value()))}"#
      }
      return "[\n" + periods.joined(separator: ",\n") + "\n]"
    case "5g-csv":
      let header = "Timestamp,Longitude,DL_bitrate,UL_bitrate"
      let body = (0..<rows).map { i in
        let second = random.pick(["\(10 + i)", "\(10 - i)", "59", "99", "00"])
        let year = random.pick(["2020", "0", "99999999999999", "1970"])
        return "\(year).02.14_09.38.\(second),-6.2,\(value()),\(value())"
      }
      return ([header] + body).joined(separator: "\n")
    default:
      let width = 2 + random.index(2)
      return (0..<rows).map { _ in (0..<width).map { _ in value() }.joined(separator: ",") }.joined(
        separator: "\n")
    }
  }

  /// An empty field becomes `null` (a shape error); words such as `nan` stay bare (malformed JSON).
  private static func jsonNumber(_ text: String) -> String {
    text.isEmpty ? "null" : text
  }

  /// Periods far below 1 ms, in every format's own units.
  static let tinyPeriods: [(format: String, text: String)] = [
    ("sabre", #"[{"duration_ms": 1e-9, "bandwidth_kbps": 1000, "latency_ms": 10}]"#),
    ("sabre", #"[{"duration_ms": 0.0001, "bandwidth_kbps": 1000, "latency_ms": 10}]"#),
    ("pensieve", "0 1\n0.0000001 2\n"),
    ("csv", "0,1000\n0.0005,1000\n"),
    ("csv", "time_s,kbps,latency_ms\n0,1,1\n0.000000001,1,1\n"),
  ]

  /// Text formats with a line per sample, each with a small valid trace to corrupt line by line.
  static let validSamples: [(format: String, text: String)] = [
    ("mahimahi", "0\n3\n3\n7\n12\n20\n100\n150\n220\n"),
    ("pensieve", "0 1.5\n1 2.25\n2 0\n3 4.5\n4.5 3\n"),
    (
      "sabre",
      "[\n  {\"duration_ms\": 1000, \"bandwidth_kbps\": 3000, \"latency_ms\": 80},\n"
        + "  {\"duration_ms\": 2500, \"bandwidth_kbps\": 0, \"latency_ms\": 20}\n]\n"
    ),
    (
      "5g-csv",
      "Timestamp,DL_bitrate,Other\n2020.02.14_09.38.22,1000,-\n2020.02.14_09.38.22,3000,-\n"
        + "2020.02.14_09.38.25,200,-\n2020.02.14_09.38.26,0,-\n"
    ),
    ("csv", "time_s,kbps,latency_ms\n0,100,20\n1,200,30\n2.5,0,40\n4,1e3,50\n"),
  ]

  /// `text` with one line replaced, swapped, duplicated or removed, or bytes flipped.
  static func mutate(_ text: String, _ random: inout SeededGenerator) -> String {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let i = random.index(lines.count)
    switch random.index(6) {
    case 0:
      // Replace one number of the line with an extreme one.
      var fields = lines[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      let f = random.index(fields.count)
      fields[f] = fields[f].replacingOccurrences(
        of: #"-?[0-9][0-9.e+-]*"#, with: random.pick(extremeNumbers), options: .regularExpression)
      lines[i] = fields.joined(separator: ",")
    case 1: lines.swapAt(i, random.index(lines.count))
    case 2: lines.insert(lines[i], at: i)
    case 3: lines.remove(at: i)
    case 4: lines[i] = garbage(&random, count: 1 + random.index(12))
    default:
      var bytes = Array(text.utf8)
      if !bytes.isEmpty {
        bytes[random.index(bytes.count)] = UInt8(truncatingIfNeeded: random.next())
      }
      return String(decoding: bytes, as: UTF8.self)
    }
    return lines.joined(separator: random.index(4) == 0 ? "\r\n" : "\n")
  }
}
