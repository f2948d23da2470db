import Foundation
import HESPTestSupport

/// ffprobe and ffmpeg on a package's audio track (`audio/<id>/header.mp4` + every segment,
/// concatenated as a player appends them).
struct AudioProbe {
  var output: URL

  /// The one track folder under `audio/`, nil when there is none.
  var trackDirectory: URL? {
    let audio = output.appendingPathComponent("audio")
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: audio.path),
      names.count == 1
    else {
      return nil
    }
    return audio.appendingPathComponent(names[0])
  }

  /// header.mp4 + content-0.m4s ... written to `scratch/name`.
  func continuation(in scratch: TemporaryDirectory, name: String = "audio.mp4") throws -> URL {
    guard let directory = trackDirectory else {
      throw MadeClip.Failed(description: "no audio track")
    }
    var bytes = try Data(contentsOf: directory.appendingPathComponent("header.mp4"))
    var segment = 0
    while let data = FileManager.default.contents(
      atPath: directory.appendingPathComponent("content-\(segment).m4s").path)
    {
      bytes += data
      segment += 1
    }
    let url = scratch.file(name)
    try bytes.write(to: url)
    return url
  }

  /// `ffprobe -show_entries stream=...` of the concatenated track as `key=value` pairs.
  static func stream(_ file: URL) throws -> [String: String] {
    let result = try Command(onPath: "ffprobe").run([
      "-v", "error", "-select_streams", "a:0", "-show_entries",
      "stream=codec_name,profile,sample_rate,channels,start_time,duration", "-of",
      "default=noprint_wrappers=1", file.path,
    ])
    var fields: [String: String] = [:]
    for line in result.standardOutputText.split(separator: "\n") {
      let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
      if parts.count == 2 { fields[parts[0]] = parts[1] }
    }
    return fields
  }

  /// `ffmpeg -v error -i FILE -f null -`: its stderr, empty when the decode is clean.
  static func decodeErrors(_ file: URL) throws -> String {
    let result = try Command(onPath: "ffmpeg").run([
      "-v", "error", "-i", file.path, "-f", "null", "-",
    ])
    return result.status == 0
      ? result.standardError : "exit \(result.status): \(result.standardError)"
  }

  /// The end of the leading silence (seconds), by `silencedetect`; 0 when sound starts at once.
  static func soundStartSeconds(_ file: URL) throws -> Double {
    let result = try Command(onPath: "ffmpeg").run([
      "-v", "info", "-i", file.path, "-af", "silencedetect=n=-50dB:d=0.02", "-f", "null", "-",
    ])
    func value(_ line: Substring, _ key: String) -> Double? {
      guard line.contains(key) else { return nil }
      return Double(line.components(separatedBy: key)[1].split(separator: " ")[0])
    }
    let lines = result.standardError.split(separator: "\n")
    // Only a silence that starts at 0 delays the sound.
    guard let start = lines.lazy.compactMap({ value($0, "silence_start: ") }).first, start < 0.001
    else { return 0 }
    return lines.lazy.compactMap { value($0, "silence_end: ") }.first ?? -1
  }
}
