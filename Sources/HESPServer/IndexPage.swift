import Foundation

/// `/`: the packages served, each with a link to its manifest and to the player page.
enum IndexPage {
  static func resource(storeNames: [String]) -> StoredResource {
    let items = storeNames.sorted().map { name -> String in
      let html = escaped(name)
      let url = percentEncoded(name)
      return "<li>\(html): <a href=\"/player/?manifest=/\(url)/manifest.json\">play</a>"
        + " &middot; <a href=\"/\(url)/manifest.json\">manifest</a></li>"
    }
    let page = """
      <!doctype html>
      <html lang="en"><head><meta charset="utf-8"><title>hesp serve</title></head>
      <body><h1>hesp serve</h1><ul>
      \(items.joined(separator: "\n"))
      </ul><p><a href="/time">/time</a></p></body></html>

      """
    return .inMemory(
      Array(page.utf8), contentType: MediaTypes.forName("index.html"), cachePolicy: .revalidate)
  }

  static func escaped(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }

  static func percentEncoded(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
      let scalar = Unicode.Scalar(byte)
      if scalar.properties.isAlphabetic && byte < 0x80 || ("0"..."9").contains(Character(scalar))
        || "-._~".utf8.contains(byte)
      {
        out.unicodeScalars.append(scalar)
      } else {
        out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(2)
      }
    }
    return out
  }
}

extension String {
  fileprivate func leftPadded(_ width: Int) -> String {
    String(repeating: "0", count: Swift.max(0, width - count)) + self
  }
}
