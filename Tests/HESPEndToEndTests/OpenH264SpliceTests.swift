import Foundation
import HESPCore
import HESPTestSupport
import Testing

/// A second, independent decoder (opt-in: `HESP_OPENH264=1`, needs GStreamer's openh264dec,
/// which `Tools/check-openh264.sh` installs): every splice of a default package decodes in
/// OpenH264 to as many pictures as in FFmpeg, and to the same pictures; a package made with
/// `--no-splice-safe-frame-num` loses frames there.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["HESP_OPENH264"] == "1"))
struct OpenH264SpliceTests {
  /// Init packet n + the continuation through the next keyframe's chunk (a one-picture stream
  /// decodes to nothing in openh264dec whatever it holds, so the last frame's packet is left out).
  func spliceFile(
    _ clip: PackagedClip, _ track: FrameIndex.Track, _ n: Int, in scratch: TemporaryDirectory
  ) throws -> URL {
    let frames = track.frames
    let following = frames.indices.first { $0 > n && frames[$0].isKeyframe } ?? frames.count
    let end = min(following + 1, frames.count)
    var data = try clip.bytes("video/\(track.id)/init-\(n).m4s")
    for frame in (n + 1)..<max(n + 1, end) {
      let entry = frames[frame]
      let segment = try clip.bytes("video/\(track.id)/content-\(entry.segmentId).m4s")
      data += segment[entry.byteOffset..<entry.byteOffset + entry.chunkByteCount]
    }
    let url = scratch.file("\(track.id)-\(n).mp4")
    try data.write(to: url)
    return url
  }

  /// FFmpeg's pictures and OpenH264's (GStreamer pads I420 rows to 4 bytes: unpadded here), as
  /// raw yuv420p frames.
  func decode(_ url: URL, _ track: FrameIndex.Track) throws -> (ffmpeg: [Data], openh264: [Data]) {
    let (width, height) = (track.width, track.height)
    let (chromaWidth, chromaHeight) = ((width + 1) / 2, (height + 1) / 2)
    let frameSize = width * height + 2 * chromaWidth * chromaHeight
    let ffmpeg = try Command(onPath: "ffmpeg").run([
      "-v", "error", "-i", url.path, "-f", "rawvideo", "-pix_fmt", "yuv420p", "-",
    ])
    let reference = stride(from: 0, to: ffmpeg.standardOutput.count - frameSize + 1, by: frameSize)
      .map {
        ffmpeg.standardOutput.subdata(in: $0..<$0 + frameSize)
      }
    let raw = url.appendingPathExtension("yuv")
    _ = try Command(onPath: "gst-launch-1.0").run([
      "-q", "filesrc", "location=\(url.path)", "!", "qtdemux", "!", "h264parse", "!", "openh264dec",
      "!",
      "video/x-raw,format=I420", "!", "filesink", "location=\(raw.path)",
    ])
    let data = [UInt8]((try? Data(contentsOf: raw)) ?? Data())
    let planes = [(width, height), (chromaWidth, chromaHeight), (chromaWidth, chromaHeight)].map {
      (columns: $0.0, rows: $0.1, stride: ($0.0 + 3) / 4 * 4)
    }
    let paddedSize = planes.reduce(0) { $0 + $1.stride * $1.rows }
    let pictures = stride(from: 0, to: data.count - paddedSize + 1, by: paddedSize).map { start in
      var picture: [UInt8] = []
      var at = start
      for plane in planes {
        for row in 0..<plane.rows {
          picture += data[(at + row * plane.stride)..<(at + row * plane.stride + plane.columns)]
        }
        at += plane.stride * plane.rows
      }
      return Data(picture)
    }
    return (reference, pictures)
  }

  @Test func everySpliceOfADefaultPackageDecodesInOpenH264LikeInFFmpeg() throws {
    let clip = try PackagedClip.standard.get()
    let scratch = try TemporaryDirectory(prefix: "openh264")
    for track in try clip.frameIndex().tracks {
      for n in 0..<(track.frames.count - 1) {
        let (ffmpeg, openh264) = try decode(try spliceFile(clip, track, n, in: scratch), track)
        #expect(ffmpeg.count > 1 && openh264.count == ffmpeg.count, "\(track.id) init-\(n)")
        #expect(openh264 == ffmpeg, "\(track.id) init-\(n): different pictures")
      }
    }
  }

  @Test func withoutSpliceSafeFrameNumOpenH264DropsFramesAfterMostSplices() throws {
    let clip = try PackagedClip(extraArguments: ["--no-splice-safe-frame-num"])
    let scratch = try TemporaryDirectory(prefix: "openh264")
    let track = try #require(try clip.frameIndex().tracks.first)
    var losing = 0
    for n in 0..<(track.frames.count - 1) {
      let (ffmpeg, openh264) = try decode(try spliceFile(clip, track, n, in: scratch), track)
      if openh264.count < ffmpeg.count { losing += 1 }
    }
    #expect(losing > track.frames.count / 2)
  }
}
