/// Content types by file name, and the ones the HESP draft and the fallback formats name.
enum MediaTypes {
  static let hespManifest = "application/vnd.theo.hesp+json"

  static func forName(_ name: String) -> String {
    let dot = name.lastIndex(of: ".").map { name[name.index(after: $0)...].lowercased() } ?? ""
    switch dot {
    case "m4s", "mp4", "cmfv": return "video/mp4"
    case "m4a", "cmfa": return "audio/mp4"
    case "mpd": return "application/dash+xml"
    case "m3u8": return "application/vnd.apple.mpegurl"
    case "json": return "application/json"
    case "html": return "text/html; charset=utf-8"
    case "js", "mjs": return "text/javascript; charset=utf-8"
    case "css": return "text/css; charset=utf-8"
    case "svg": return "image/svg+xml"
    case "png": return "image/png"
    case "csv": return "text/csv; charset=utf-8"
    case "txt", "log", "md": return "text/plain; charset=utf-8"
    default: return "application/octet-stream"
    }
  }
}
