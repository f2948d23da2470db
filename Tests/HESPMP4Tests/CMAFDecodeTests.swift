import Foundation
import HESPTestSupport
import Testing

@testable import HESPMP4

/// The writer's output decoded by a real decoder: libavcodec through the ffmpeg CLI.
@Suite struct CMAFDecodeTests {
  /// `header + styp + one chunk per frame` of a 10-frame libx264 encode (keyframes 0 and 5).
  private func writeFile(_ stream: EncodedH264Stream, in directory: TemporaryDirectory) throws
    -> URL
  {
    var bytes = CMAFWriter.header(stream.track()) + CMAFWriter.segmentType()
    for (index, sample) in stream.samples.enumerated() {
      bytes += CMAFWriter.chunk(sequenceNumber: UInt32(index + 1), trackId: 1, sample: sample)
    }
    let url = directory.file("track.mp4")
    try Data(bytes).write(to: url)
    return url
  }

  /// `ffmpeg -f framemd5`: one line per decoded frame, `stream, dts, pts, duration, size, md5`.
  private func frameDigests(_ input: URL, extraInput: [String] = []) throws -> (
    lines: [[String]], stderr: String
  ) {
    let result = try Command(onPath: "ffmpeg").run(
      ["-v", "error", "-nostdin"] + extraInput + ["-i", input.path, "-f", "framemd5", "-"])
    #expect(result.status == 0)
    let lines = result.standardOutputText.split(separator: "\n")
      .filter { !$0.hasPrefix("#") }
      .map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
    return (lines, result.standardError)
  }

  /// Presentation times and durations (track timescale) of every frame ffprobe decodes.
  private func decodedFrameTimes(_ input: URL) throws -> (
    pts: [String], durations: [String], stderr: String
  ) {
    let result = try Command(onPath: "ffprobe").run([
      "-v", "error", "-select_streams", "v", "-show_entries", "frame=pts,pkt_duration",
      "-of", "csv=p=0", input.path,
    ])
    #expect(result.status == 0)
    let rows = result.standardOutputText.split(separator: "\n").map {
      $0.split(separator: ",").map(String.init)
    }
    return (rows.map { $0[0] }, rows.map { $0.count > 1 ? $0[1] : "" }, result.standardError)
  }

  @Test func ffmpegDecodesEveryFrameSilentlyWithTheWrittenTimestamps() throws {
    let directory = try TemporaryDirectory()
    let stream = try EncodedH264Stream.encode(in: directory)
    #expect(stream.samples.count == 10)
    #expect(
      stream.samples.map(\.isSync) == [
        true, false, false, false, false, true, false, false, false, false,
      ])
    let file = try writeFile(stream, in: directory)

    let decoded = try frameDigests(file)
    #expect(decoded.stderr.isEmpty, "ffmpeg -v error printed: \(decoded.stderr)")
    #expect(decoded.lines.count == 10)
    let times = try decodedFrameTimes(file)
    #expect(times.stderr.isEmpty, "ffprobe printed: \(times.stderr)")
    #expect(times.pts == (0..<10).map { String($0 * 512) })  // in 1/12800
    #expect(times.durations == Array(repeating: "512", count: 10))

    // The same pictures as decoding the raw Annex B stream.
    let raw = directory.file("stream.h264")
    let reference = try frameDigests(raw, extraInput: ["-f", "h264"])
    #expect(decoded.lines.map(\.last) == reference.lines.map(\.last))
  }

  @Test func oneFragmentPerGOPDecodesLikeOneChunkPerFrame() throws {
    let directory = try TemporaryDirectory()
    let stream = try EncodedH264Stream.encode(in: directory)
    var bytes = CMAFWriter.header(stream.track()) + CMAFWriter.segmentType()
    bytes += try CMAFWriter.fragment(
      sequenceNumber: 1, trackId: 1, samples: Array(stream.samples[0..<5]))
    bytes += try CMAFWriter.fragment(
      sequenceNumber: 2, trackId: 1, samples: Array(stream.samples[5..<10]))
    let url = directory.file("fragments.mp4")
    try Data(bytes).write(to: url)
    let fragments = try frameDigests(url)
    let chunks = try frameDigests(try writeFile(stream, in: directory))
    #expect(fragments.stderr.isEmpty, "ffmpeg -v error printed: \(fragments.stderr)")
    #expect(fragments.lines.count == 10)
    #expect(fragments.lines.map(\.last) == chunks.lines.map(\.last))
    #expect(try decodedFrameTimes(url).pts == (0..<10).map { String($0 * 512) })
  }

  @Test func ffprobeReadsTheTrackAsCMAFWithTheRightCodecAndKeyframes() throws {
    let directory = try TemporaryDirectory()
    let stream = try EncodedH264Stream.encode(in: directory)
    let file = try writeFile(stream, in: directory)
    let probe = try Command(onPath: "ffprobe").run([
      "-v", "error", "-show_entries",
      "stream=codec_name,width,height,time_base,profile:packet=pts,flags",
      "-of", "compact=p=0:nk=0", file.path,
    ])
    #expect(probe.status == 0)
    #expect(probe.standardError.isEmpty, "ffprobe printed: \(probe.standardError)")
    #expect(probe.standardOutputText.contains("codec_name=h264|profile=High|width=160|height=96"))
    #expect(probe.standardOutputText.contains("time_base=1/12800"))
    let packets = probe.standardOutputText.split(separator: "\n").filter { $0.hasPrefix("pts=") }
    #expect(packets.count == 10)
    #expect(
      packets.filter { $0.contains("flags=K") }.map { $0.split(separator: "|")[0] } == [
        "pts=0", "pts=2560",
      ])
  }

  @Test func anInitPacketFollowedByTheContinuationFromMidGOPDecodes() throws {
    // header + emsg + one IDR chunk (frame 5's sample, relabelled at frame 3's time) + P-frames 4..9
    // is the shape of a HESP splice; ffmpeg must accept the emsg and play from the IDR.
    let directory = try TemporaryDirectory()
    let stream = try EncodedH264Stream.encode(in: directory)
    var idr = stream.samples[5]
    idr.decodeTimeTicks = 3 * 512
    var bytes = CMAFWriter.header(stream.track())
    bytes += CMAFWriter.eventMessage(
      schemeIdURI: "urn:theo:hesp:2020", value: "initdata", timescale: 12800,
      presentationTimeDeltaTicks: 0, eventDurationTicks: 512, id: 3,
      messageData: Array(#"{"index":0,"offset":0}"#.utf8))
    bytes += CMAFWriter.chunk(sequenceNumber: 4, trackId: 1, sample: idr)
    bytes += CMAFWriter.segmentType()
    for index in 6..<10 {
      var sample = stream.samples[index]
      sample.decodeTimeTicks = UInt64(index - 2) * 512
      bytes += CMAFWriter.chunk(sequenceNumber: UInt32(index), trackId: 1, sample: sample)
    }
    let url = directory.file("splice.mp4")
    try Data(bytes).write(to: url)
    let decoded = try frameDigests(url)
    #expect(decoded.stderr.isEmpty, "ffmpeg -v error printed: \(decoded.stderr)")
    #expect(decoded.lines.count == 5)
    #expect(try decodedFrameTimes(url).pts == (3..<8).map { String($0 * 512) })
  }
}
