import Foundation
import HESPTestSupport
import HESPMP4

/// A short H.264 stream encoded by the ffmpeg CLI at test time (libx264, no B-frames), split
/// into access units the way a packager would.
struct EncodedStream {
  static let timescale: UInt32 = 12800
  static let frameDurationTicks: UInt32 = 512  // 25 fps

  /// The raw Annex B bytes ffmpeg wrote.
  let annexB: [UInt8]
  let configuration: AVCConfiguration
  /// One sample per frame: length-prefixed NAL units without SPS/PPS/AUD.
  let samples: [MP4Sample]

  /// `ffmpeg -f lavfi -i testsrc2=size=WxH:rate=25 -frames:v N -c:v libx264 ... -f h264`.
  static func encode(
    frameCount: Int = 10, width: Int = 160, height: Int = 96, keyframeInterval: Int = 5,
    extraArguments: [String] = [], in directory: TemporaryDirectory
  ) throws -> EncodedStream {
    let output = directory.file("stream.h264")
    let result = try Command(onPath: "ffmpeg").run(
      [
        "-v", "error", "-nostdin", "-y", "-f", "lavfi",
        "-i", "testsrc2=size=\(width)x\(height):rate=25", "-frames:v", "\(frameCount)",
        "-c:v", "libx264", "-preset", "veryfast",
      ] + extraArguments + [
        "-x264-params",
        "bframes=0:keyint=\(keyframeInterval):min-keyint=\(keyframeInterval):scenecut=0",
        "-bsf:v", "h264_mp4toannexb", "-f", "h264", output.path,
      ])
    guard result.status == 0 else { throw EncodeFailed(stderr: result.standardError) }
    return try EncodedStream(annexB: Array(try Data(contentsOf: output)))
  }

  struct EncodeFailed: Error { var stderr: String }

  init(annexB: [UInt8]) throws {
    self.annexB = annexB
    let units = try NALUnits.split(annexB: annexB)
    var sequenceSets: [[UInt8]] = []
    var pictureSets: [[UInt8]] = []
    var samples: [MP4Sample] = []
    var pending: [[UInt8]] = []
    for unit in units {
      switch unit[0] & 0x1F {
      case 7: if !sequenceSets.contains(unit) { sequenceSets.append(unit) }
      case 8: if !pictureSets.contains(unit) { pictureSets.append(unit) }
      case 9: continue
      case 1, 5:
        // x264 writes one slice per frame here: a VCL unit closes the access unit.
        pending.append(unit)
        let data = pending.flatMap { nal -> [UInt8] in
          let count = UInt32(nal.count)
          return [
            UInt8(count >> 24), UInt8((count >> 16) & 0xFF), UInt8((count >> 8) & 0xFF),
            UInt8(count & 0xFF),
          ] + nal
        }
        let index = UInt64(samples.count)
        samples.append(
          MP4Sample(
            data: data, decodeTimeTicks: index * UInt64(Self.frameDurationTicks),
            durationTicks: Self.frameDurationTicks, isSync: unit[0] & 0x1F == 5))
        pending = []
      default: pending.append(unit)
      }
    }
    configuration = AVCConfiguration(
      sequenceParameterSets: sequenceSets, pictureParameterSets: pictureSets)
    self.samples = samples
  }

  func track(width: Int = 160, height: Int = 96) -> VideoTrackDescription {
    VideoTrackDescription(
      timescale: Self.timescale, width: width, height: height, avc: configuration)
  }
}
