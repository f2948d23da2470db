import Foundation
import HESPCore
import HESPTestSupport

/// Splices and decodes a package's streams with the ffmpeg CLI, as a player would join:
/// init packet n, then the continuation from its emsg's (index, offset) onward.
struct Splice {
  let clip: PackagedClip
  let track: FrameIndex.Track

  /// The `initdata` message of init packet `n`: `{"index":…,"offset":…}`, or nil for the last
  /// frame's `{}` (nothing follows it).
  func initData(_ n: Int) throws -> (index: Int, offset: Int)? {
    let bytes = [UInt8](try clip.bytes("video/\(track.id)/init-\(n).m4s"))
    func find(_ text: String) -> Int? {
      let marker = Array(text.utf8)
      return (0...(bytes.count - marker.count)).first {
        Array(bytes[$0..<$0 + marker.count]) == marker
      }
    }
    guard let start = find(#"{"index":"#),
      let end = bytes[start...].firstIndex(of: UInt8(ascii: "}"))
    else {
      if find("initdata\0") != nil, find("{}") != nil { return nil }
      throw SpliceError(message: "init-\(n).m4s has no initdata JSON")
    }
    struct Message: Decodable {
      var index: Int
      var offset: Int
    }
    let message = try JSONDecoder().decode(Message.self, from: Data(bytes[start...end]))
    return (message.index, message.offset)
  }

  /// `header.mp4` + every segment: the normal continuation.
  func continuationFile(in scratch: TemporaryDirectory) throws -> URL {
    var data = try clip.bytes("video/\(track.id)/header.mp4")
    for segment in track.segments {
      data += try clip.bytes("video/\(track.id)/content-\(segment.id).m4s")
    }
    let url = scratch.file("\(track.id)-continuation.mp4")
    try data.write(to: url)
    return url
  }

  /// Init packet n + the continuation from (index, offset) to the end.
  func splicedFile(_ n: Int, in scratch: TemporaryDirectory) throws -> URL {
    var data = try clip.bytes("video/\(track.id)/init-\(n).m4s")
    if let pointer = try initData(n) {
      let first = try clip.bytes("video/\(track.id)/content-\(pointer.index).m4s")
      data += first[pointer.offset...]
      for segment in track.segments where segment.id > pointer.index {
        data += try clip.bytes("video/\(track.id)/content-\(segment.id).m4s")
      }
    }
    let url = scratch.file("\(track.id)-splice-\(n).mp4")
    try data.write(to: url)
    return url
  }

  /// Decoded pictures (raw `pixelFormat` frames) and ffmpeg's stderr at `-v error`.
  static func decode(_ url: URL, pixelFormat: String, frameByteCount: Int) throws -> (
    frames: [Data], errors: String
  ) {
    let output = try Command(onPath: "ffmpeg").run(
      ["-v", "error", "-i", url.path, "-f", "rawvideo", "-pix_fmt", pixelFormat, "-"])
    let data = output.standardOutput
    let frames = stride(from: 0, to: data.count, by: frameByteCount).map {
      data.subdata(in: $0..<min(data.count, $0 + frameByteCount))
    }
    return (frames, output.standardError + (output.status == 0 ? "" : "exit \(output.status)"))
  }

  /// Presentation times of the video packets (ffprobe).
  static func presentationTimes(_ url: URL) throws -> [Int] {
    let output = try Command(onPath: "ffprobe").run(
      [
        "-v", "error", "-select_streams", "v:0", "-show_entries", "packet=pts", "-of", "csv=p=0",
        url.path,
      ])
    return output.standardOutputText.split(separator: "\n").compactMap {
      Int($0.trimmingCharacters(in: .whitespaces))
    }
    .sorted()
  }

  /// Luma PSNR (peak 255) over several gray frames, MSE-averaged.
  static func psnr(_ a: [Data], _ b: [Data]) -> Double {
    var total = 0.0
    var count = 0
    for (x, y) in zip(a, b) {
      for (p, q) in zip(x, y) {
        let d = Double(Int(p) - Int(q))
        total += d * d
      }
      count += x.count
    }
    let mse = total / Double(max(count, 1))
    return mse == 0 ? .infinity : 10 * log10(255 * 255 / mse)
  }
}

struct SpliceError: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}
