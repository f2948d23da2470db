import Foundation
import HESPTestSupport

/// ffprobe and ffmpeg reads of a package's output, as a player would see it.
enum Probe {
  /// `stream=` entries of the first video stream (`width`, `height`, `sample_aspect_ratio`,
  /// `color_primaries`, `color_transfer`, `color_space`, `color_range`, `field_order`, ...).
  static func videoStream(_ url: URL) throws -> [String: String] {
    let output = try Command(onPath: "ffprobe").run(
      [
        "-v", "error", "-select_streams", "v:0", "-show_entries",
        "stream=width,height,sample_aspect_ratio,display_aspect_ratio,pix_fmt,color_primaries,color_transfer,color_space,color_range,field_order,nb_read_frames",
        "-count_frames", "-of", "default=noprint_wrappers=1", url.path,
      ])
    var entries: [String: String] = [:]
    for line in output.standardOutputText.split(separator: "\n") {
      let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
      if parts.count == 2 { entries[parts[0]] = parts[1] }
    }
    return entries
  }

  /// `header.mp4` + every `content-<s>.m4s` of `track`, as one file in `scratch`.
  static func continuation(
    of package: URL, track: String, in scratch: TemporaryDirectory
  ) throws -> URL {
    let directory = package.appendingPathComponent("video/\(track)")
    var data = try Data(contentsOf: directory.appendingPathComponent("header.mp4"))
    var segment = 0
    while case let url = directory.appendingPathComponent("content-\(segment).m4s"),
      FileManager.default.fileExists(atPath: url.path)
    {
      data += try Data(contentsOf: url)
      segment += 1
    }
    let url = scratch.file("\(package.lastPathComponent)-\(track).mp4")
    try data.write(to: url)
    return url
  }

  /// Luma+chroma PSNR (dB) of `a` against `b`, both decoded by ffmpeg and scaled to
  /// `width` x `height` (ffmpeg applies the source's display matrix on its own).
  static func psnr(_ a: URL, _ b: URL, width: Int, height: Int) throws -> Double {
    let output = try Command(onPath: "ffmpeg").run(
      [
        "-v", "info", "-nostats", "-i", a.path, "-i", b.path, "-lavfi",
        "[0:v]scale=\(width):\(height),setsar=1[a];[1:v]scale=\(width):\(height),setsar=1[b];[a][b]psnr",
        "-f", "null", "-",
      ])
    guard let range = output.standardError.range(of: "average:") else {
      throw MadeClip.Failed(description: "no PSNR in ffmpeg's output: \(output.standardError)")
    }
    let text = output.standardError[range.upperBound...].prefix { !$0.isWhitespace }
    return text == "inf" ? .infinity : Double(text) ?? 0
  }

  /// A copy of the mp4 `input` whose video `tkhd` matrix is `matrix` (a, b, u, c, d, v, x, y,
  /// w as in ISO/IEC 14496-12: 16.16 except u, v, w in 2.30): display matrices the ffmpeg CLI
  /// of FFmpeg 5.1 cannot write (45 degrees, mirrors).
  static func withTrackMatrix(
    _ input: URL, _ matrix: [Int32], named name: String, in scratch: TemporaryDirectory
  ) throws -> URL {
    var bytes = [UInt8](try Data(contentsOf: input))
    let tag = Array("tkhd".utf8)
    guard
      let at = (0..<(bytes.count - 4)).first(where: { Array(bytes[$0..<$0 + 4]) == tag }),
      bytes[at + 4] == 0
    else { throw MadeClip.Failed(description: "no version 0 tkhd in \(input.path)") }
    // type, version+flags, creation, modification, track id, reserved, duration, reserved(8),
    // layer, alternate group, volume, reserved: the matrix follows.
    var offset = at + 4 + 4 + 20 + 8 + 8
    for value in matrix {
      let bits = UInt32(bitPattern: value)
      for shift in [24, 16, 8, 0] {
        bytes[offset] = UInt8(truncatingIfNeeded: bits >> UInt32(shift))
        offset += 1
      }
    }
    let url = scratch.file(name)
    try Data(bytes).write(to: url)
    return url
  }
}
