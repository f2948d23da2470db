import Foundation
import HESPAVC

/// A short H.264 stream encoded by the ffmpeg CLI at test time (libx264, no B-frames), split
/// into access units the way a packager would.
public struct EncodedH264Stream: Sendable {
  /// One picture: its length-prefixed NAL units without SPS/PPS/AUD.
  public struct AccessUnit: Sendable {
    public var data: [UInt8]
    public var isSync: Bool
  }

  /// The ffmpeg CLI failed; its standard error.
  public struct EncodeFailed: Error {
    public var stderr: String
    public init(stderr: String) { self.stderr = stderr }
  }

  /// The raw Annex B bytes ffmpeg wrote.
  public let annexB: [UInt8]
  /// SPS NAL units, in stream order, each once.
  public let sequenceParameterSets: [[UInt8]]
  /// PPS NAL units, in stream order, each once.
  public let pictureParameterSets: [[UInt8]]
  /// One per frame.
  public let accessUnits: [AccessUnit]

  /// `ffmpeg -f lavfi -i testsrc2=size=WxH:rate=25 -frames:v N -c:v libx264 ... -f h264`, written
  /// to `stream.h264` in `directory`.
  public static func encode(
    frameCount: Int = 10, width: Int = 160, height: Int = 96, keyframeInterval: Int = 5,
    extraArguments: [String] = [], x264Parameters: String = "",
    in directory: TemporaryDirectory
  ) throws -> EncodedH264Stream {
    let output = directory.file("stream.h264")
    let result = try Command(onPath: "ffmpeg").run(
      [
        "-v", "error", "-nostdin", "-y", "-f", "lavfi",
        "-i", "testsrc2=size=\(width)x\(height):rate=25", "-frames:v", "\(frameCount)",
        "-c:v", "libx264", "-preset", "veryfast",
      ] + extraArguments + [
        "-x264-params",
        "bframes=0:keyint=\(keyframeInterval):min-keyint=\(keyframeInterval):scenecut=0"
          + (x264Parameters.isEmpty ? "" : ":" + x264Parameters),
        "-bsf:v", "h264_mp4toannexb", "-f", "h264", output.path,
      ])
    guard result.status == 0 else { throw EncodeFailed(stderr: result.standardError) }
    return try EncodedH264Stream(annexB: Array(try Data(contentsOf: output)))
  }

  /// Splits `annexB` into parameter sets and access units.
  public init(annexB: [UInt8]) throws {
    self.annexB = annexB
    let units = try NALUnits.split(annexB: annexB)
    var sequenceSets: [[UInt8]] = []
    var pictureSets: [[UInt8]] = []
    var accessUnits: [AccessUnit] = []
    var pending: [[UInt8]] = []
    func flush() {
      guard let slice = pending.first(where: { $0[0] & 0x1F == 1 || $0[0] & 0x1F == 5 }) else {
        return
      }
      accessUnits.append(
        AccessUnit(data: NALUnits.joinedLengthPrefixed(pending), isSync: slice[0] & 0x1F == 5))
      pending = []
    }
    for unit in units {
      let type = unit[0] & 0x1F
      let isSlice = type == 1 || type == 5
      // An access unit ends before a non-VCL unit or a slice with first_mb_in_slice 0 (ue "1").
      let hasSlice = pending.contains { $0[0] & 0x1F == 1 || $0[0] & 0x1F == 5 }
      if hasSlice && (!isSlice || unit.count > 1 && unit[1] & 0x80 != 0) { flush() }
      switch type {
      case 7: if !sequenceSets.contains(unit) { sequenceSets.append(unit) }
      case 8: if !pictureSets.contains(unit) { pictureSets.append(unit) }
      case 9: continue
      default: pending.append(unit)
      }
    }
    flush()
    sequenceParameterSets = sequenceSets
    pictureParameterSets = pictureSets
    self.accessUnits = accessUnits
  }

  /// The stream's SPS and PPS, parsed.
  public func parameterSets() throws -> AVCParameterSets {
    try AVCParameterSets(parsing: sequenceParameterSets, pictureParameterSets)
  }
}
