import Foundation
import HESPTestSupport
import Testing

@testable import HESPMP4

/// The reader on files it did not write (libavformat's CMAF muxer) and on truncations of real
/// encoded output.
@Suite struct ReaderInteropTests {
  @Test func theReaderReadsFFmpegsCMAFMuxerOutputLikeFFprobeDoes() throws {
    let directory = try TemporaryDirectory()
    let stream = try EncodedH264Stream.encode(in: directory)
    let output = directory.file("ffmpeg.mp4")
    let mux = try Command(onPath: "ffmpeg").run([
      "-v", "error", "-nostdin", "-y", "-f", "h264", "-framerate", "25", "-i",
      directory.file("stream.h264").path,
      "-c", "copy", "-video_track_timescale", "12800",
      "-movflags", "+cmaf+frag_every_frame+global_sidx+skip_trailer", output.path,
    ])
    #expect(mux.status == 0, "\(mux.standardError)")
    let probe = try Command(onPath: "ffprobe").run([
      "-v", "error", "-show_entries", "packet=dts,size,flags", "-of", "csv=p=0", output.path,
    ])
    let packets = probe.standardOutputText.split(separator: "\n").map { $0.split(separator: ",") }

    let file = try MP4File(bytes: Array(try Data(contentsOf: output)))
    let header = try file.header()
    #expect(header.timescale == 12800)
    #expect(header.sampleEntry.width == 160 && header.sampleEntry.height == 96)
    #expect(
      header.sampleEntry.avc.sequenceParameterSets == stream.configuration.sequenceParameterSets)
    #expect(header.fileType.contains("cmfc"))
    let samples = try file.fragments(defaults: header.trackExtends).flatMap(\.samples)
    #expect(samples.count == packets.count)
    #expect(samples.map { String($0.decodeTimeTicks) } == packets.map { String($0[0]) })
    #expect(samples.map { String($0.dataRange.count) } == packets.map { String($0[1]) })
    #expect(samples.map(\.isSync) == packets.map { $0[2].hasPrefix("K") })
    let index = try #require(try file.segmentIndexes().first)
    #expect(index.references.count == samples.count)
  }

  @Test func everyTruncationOfARealEncodedTrackIsRejectedOrEndsOnABoxBoundary() throws {
    let directory = try TemporaryDirectory()
    let stream = try EncodedH264Stream.encode(frameCount: 3, keyframeInterval: 2, in: directory)
    var bytes = CMAFWriter.header(stream.track()) + CMAFWriter.segmentType()
    for (index, sample) in stream.samples.enumerated() {
      bytes += CMAFWriter.chunk(sequenceNumber: UInt32(index), trackId: 1, sample: sample)
    }
    let boundaries = Set(try MP4BoxParser.parse(bytes).map(\.range.upperBound))
    #expect(try SyntheticFiles.decodeEverything(bytes) == 2 + 3)
    var accepted = 0
    for length in 0..<bytes.count {
      do {
        _ = try SyntheticFiles.decodeEverything(Array(bytes.prefix(length)))
        accepted += 1
        #expect(
          length == 0 || boundaries.contains(length), "a prefix of \(length) bytes was accepted")
      } catch let error as MP4Error {
        #expect(error.byteOffset <= length)
      }
    }
    // Accepted: the empty prefix, ftyp+moov, +styp, +first and +second moof/mdat (the whole file
    // is not a prefix). ftyp alone (no moov) and a moof without its mdat are rejected.
    #expect(accepted == 5)
  }
}
