import Foundation

/// `ffmpeg -v debug` decode of an MP4 or Annex B byte stream: the log (where libavcodec reports
/// "Frame num gap") and one MD5 per decoded frame.
public enum DebugDecode {
  /// ffmpeg could not decode the file at all; its log.
  public struct Failed: Error { public var log: String }

  /// Writes `bytes` to `name` in `directory` and decodes it.
  public static func run(_ bytes: [UInt8], _ directory: TemporaryDirectory, _ name: String) throws
    -> (log: String, digests: [String])
  {
    let url = directory.file(name)
    try Data(bytes).write(to: url)
    let result = try Command(onPath: "ffmpeg").run([
      "-v", "debug", "-nostdin", "-i", url.path, "-f", "framemd5", "-",
    ])
    guard result.status == 0 else { throw Failed(log: result.standardError) }
    let digests = result.standardOutputText.split(separator: "\n").filter { !$0.hasPrefix("#") }
      .compactMap { $0.split(separator: ",").last.map { $0.trimmingCharacters(in: .whitespaces) } }
    return (result.standardError, digests)
  }

  /// Lines of the log that libavcodec's H.264 decoder writes as errors or concealment.
  public static func decoderErrors(_ log: String) -> [String] {
    log.split(separator: "\n").map(String.init).filter {
      ($0.contains("error") && !$0.contains(" 0 decoding errors")) || $0.contains("concealing")
        || $0.contains("Frame num gap")
        || $0.contains("illegal") || $0.contains("no frame!") || $0.contains("out of range")
    }
  }
}
