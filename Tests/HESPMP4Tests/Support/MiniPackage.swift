import Foundation
import HESPMP4
import HESPTestSupport

/// A small hesp-layout package (DESIGN.md §2.2 file layout, no manifest) written with the
/// writer from ffmpeg CLI encodes: a long-GOP continuation stream and an all-IDR
/// initialization stream encoded from the continuation's own decoded frames with the same x264
/// settings (so both share SPS/PPS byte for byte and one `header.mp4`).
///
/// `video/<track>/header.mp4`, `init-<n>.m4s` (header + emsg initdata + one IDR chunk) and
/// `content-<s>.m4s` (styp + one chunk per frame). Segments do not start on keyframes.
struct MiniPackage {
  static let trackId = "180p"
  static let width = 320
  static let height = 180
  static let frameCount = 50
  static let gopFrames = 25
  static let segmentFrames = 20
  static let x264Parameters =
    "bframes=0:ref=1:scenecut=0:open-gop=0:keyint=25:min-keyint=25:stitchable=1:sar=1/1"

  let directory: URL
  let configuration: AVCConfiguration
  /// The samples as written: continuation (long GOP) and initialization (all IDR).
  let continuationSamples: [MP4Sample]
  let initializationSamples: [MP4Sample]
  /// Byte offset of each frame's moof in its segment.
  let chunkOffsets: [Int]

  var trackDirectory: URL { directory.appendingPathComponent("video/\(Self.trackId)") }

  static func segment(ofFrame frame: Int) -> Int { frame / segmentFrames }

  /// Encodes and writes the package into `directory` (created if needed).
  static func build(in directory: URL, scratch: TemporaryDirectory) throws -> MiniPackage {
    let ffmpeg = try Command(onPath: "ffmpeg")
    let continuation = scratch.file("continuation.h264")
    let reconstruction = scratch.file("continuation.yuv")
    let initialization = scratch.file("initialization.h264")
    let size = "\(width)x\(height)"
    let steps: [[String]] = [
      [
        "-f", "lavfi", "-i", "testsrc2=size=\(size):rate=25", "-frames:v", "\(frameCount)",
        "-c:v", "libx264", "-preset", "veryfast", "-x264-params", x264Parameters,
        "-b:v", "400k", "-maxrate", "400k", "-bufsize", "800k",
        "-bsf:v", "h264_mp4toannexb", "-f", "h264", continuation.path,
      ],
      [
        "-f", "h264", "-i", continuation.path, "-f", "rawvideo", "-pix_fmt", "yuv420p",
        reconstruction.path,
      ],
      [
        "-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", size, "-r", "25", "-i", reconstruction.path,
        "-c:v", "libx264", "-preset", "veryfast", "-x264-params", x264Parameters + ":ipratio=1",
        "-qp", "16", "-forced-idr", "1", "-force_key_frames", "expr:1",
        "-bsf:v", "h264_mp4toannexb", "-f", "h264", initialization.path,
      ],
    ]
    for arguments in steps {
      let result = try ffmpeg.run(["-v", "error", "-nostdin", "-y"] + arguments)
      guard result.status == 0 else {
        throw EncodedH264Stream.EncodeFailed(stderr: result.standardError)
      }
    }
    let main = try EncodedH264Stream(annexB: Array(try Data(contentsOf: continuation)))
    let intra = try EncodedH264Stream(annexB: Array(try Data(contentsOf: initialization)))
    guard main.configuration == intra.configuration else {
      throw MismatchedParameterSets()
    }
    guard main.samples.count == frameCount, intra.samples.count == frameCount,
      intra.samples.allSatisfy(\.isSync)
    else { throw MismatchedParameterSets() }

    let track = directory.appendingPathComponent("video/\(trackId)")
    try FileManager.default.createDirectory(at: track, withIntermediateDirectories: true)
    let description = VideoTrackDescription(
      timescale: EncodedH264Stream.timescale, width: width, height: height, avc: main.configuration)
    let header = CMAFWriter.header(description)
    try Data(header).write(to: track.appendingPathComponent("header.mp4"))

    var chunkOffsets: [Int] = []
    for segment in 0..<(frameCount + segmentFrames - 1) / segmentFrames {
      var bytes = CMAFWriter.segmentType()
      for frame in segment * segmentFrames..<min((segment + 1) * segmentFrames, frameCount) {
        chunkOffsets.append(bytes.count)
        bytes += CMAFWriter.chunk(
          sequenceNumber: UInt32(frame + 1), trackId: 1, sample: main.samples[frame])
      }
      try Data(bytes).write(to: track.appendingPathComponent("content-\(segment).m4s"))
    }
    let lastSegment = segment(ofFrame: frameCount - 1)
    let lastSegmentByteCount = try Data(
      contentsOf: track.appendingPathComponent("content-\(lastSegment).m4s")
    ).count
    for frame in 0..<frameCount {
      // The last frame's packet points at the end of the last segment: nothing follows.
      let (index, offset) =
        frame + 1 < frameCount
        ? (segment(ofFrame: frame + 1), chunkOffsets[frame + 1])
        : (lastSegment, lastSegmentByteCount)
      let message = #"{"index":\#(index),"offset":\#(offset)}"#
      let bytes =
        header
        + CMAFWriter.eventMessage(
          schemeIdURI: "urn:theo:hesp:2020", value: "initdata",
          timescale: EncodedH264Stream.timescale,
          presentationTimeDeltaTicks: 0, eventDurationTicks: EncodedH264Stream.frameDurationTicks,
          id: UInt32(frame),
          messageData: Array(message.utf8))
        + CMAFWriter.chunk(
          sequenceNumber: UInt32(frame + 1), trackId: 1, sample: intra.samples[frame])
      try Data(bytes).write(to: track.appendingPathComponent("init-\(frame).m4s"))
    }
    return MiniPackage(
      directory: directory, configuration: main.configuration, continuationSamples: main.samples,
      initializationSamples: intra.samples, chunkOffsets: chunkOffsets)
  }

  struct MismatchedParameterSets: Error, CustomStringConvertible {
    var description: String {
      "continuation and initialization encodes differ in SPS/PPS or frame count"
    }
  }

  /// A splice built in memory from samples: the header, init sample `frame`, then `continuation`
  /// from frame + 1 to the end (e.g. a rewritten copy of `continuationSamples`).
  func spliceBytes(joiningAt frame: Int, continuation: [MP4Sample]) -> [UInt8] {
    var bytes = CMAFWriter.header(
      VideoTrackDescription(
        timescale: EncodedH264Stream.timescale, width: Self.width, height: Self.height,
        avc: configuration))
    bytes += CMAFWriter.chunk(sequenceNumber: 1, trackId: 1, sample: initializationSamples[frame])
    for next in frame + 1..<Self.frameCount {
      bytes += CMAFWriter.chunk(
        sequenceNumber: UInt32(next + 1), trackId: 1, sample: continuation[next])
    }
    return bytes
  }

  /// What a HESP player appends to join at `frame`: init packet + continuation from the emsg's
  /// (index, offset) to the end of the track.
  func spliceBytes(joiningAt frame: Int) throws -> [UInt8] {
    var bytes = Array(
      try Data(contentsOf: trackDirectory.appendingPathComponent("init-\(frame).m4s")))
    guard frame + 1 < Self.frameCount else { return bytes }
    let segment = Self.segment(ofFrame: frame + 1)
    let first = Array(
      try Data(contentsOf: trackDirectory.appendingPathComponent("content-\(segment).m4s")))
    bytes += first[chunkOffsets[frame + 1]...]
    var next = segment + 1
    while let data = try? Data(
      contentsOf: trackDirectory.appendingPathComponent("content-\(next).m4s"))
    {
      bytes += Array(data)
      next += 1
    }
    return bytes
  }
}
