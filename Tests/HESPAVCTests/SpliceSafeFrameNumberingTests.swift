import Foundation
import HESPCore
import HESPTestSupport
import Testing

@testable import HESPAVC

@Suite struct SpliceSafeFrameNumberingTests {
  /// x264 settings the rewrite must handle: CABAC (the packager's), CAVLC (slice data shifted
  /// bit by bit), weighted prediction on a fade (pred_weight_table in every P header), and
  /// three slices per picture.
  static let encodings: [(name: String, arguments: [String])] = [
    ("CABAC", []),
    ("CAVLC", ["-coder", "cavlc"]),
    ("weighted prediction", ["-weightp", "smart", "-vf", "fade=in:0:10"]),
    ("three slices", ["-slices", "3"]),
  ]

  /// SPS, PPS and the samples as one Annex B stream.
  private func annexB(_ stream: EncodedH264Stream, _ samples: [[UInt8]]) throws -> [UInt8] {
    let units =
      stream.sequenceParameterSets + stream.pictureParameterSets
      + (try samples.flatMap { try NALUnits.split(lengthPrefixed: $0) })
    return units.flatMap { [0, 0, 0, 1] + $0 }
  }

  @Test(arguments: encodings.indices)
  func everyPPictureGetsFrameNumOneAndMMCO5AndDecodesToTheSamePictures(encoding: Int) throws {
    let (name, arguments) = Self.encodings[encoding]
    let directory = try TemporaryDirectory()
    let stream = try EncodedH264Stream.encode(
      frameCount: 12, keyframeInterval: 6, extraArguments: arguments, in: directory)
    let sets = try stream.parameterSets()
    let pps = try #require(sets.pictureParameterSets[0])
    #expect(pps.entropyCodingModeCABAC == (name != "CAVLC"), "\(name)")
    let rewritten = try stream.accessUnits.map {
      try SpliceSafeFrameNumbering.rewriting(sample: $0.data, parameterSets: sets)
    }
    for (index, sample) in rewritten.enumerated() {
      let slices = try NALUnits.split(lengthPrefixed: sample).filter(SliceHeader.isSlice)
      #expect(slices.count == (name == "three slices" ? 3 : 1), "\(name)")
      for slice in slices {
        let header = try SliceHeader(nalUnit: slice, parameterSets: sets)
        if index % 6 == 0 {
          #expect(header.nalUnitType == 5 && header.frameNum == 0, "\(name) frame \(index)")
        } else {
          #expect(header.frameNum == 1, "\(name) frame \(index)")
          #expect(header.memoryManagementOperations == [5], "\(name) frame \(index)")
        }
      }
    }
    // Six bits more per P slice header, give or take alignment and emulation prevention.
    let growth =
      rewritten.map(\.count).reduce(0, +) - stream.accessUnits.map(\.data.count).reduce(0, +)
    #expect(growth > 0 && growth <= 10 * (name == "three slices" ? 3 : 1) * 2, "\(name): \(growth)")
    let original = try DebugDecode.run(stream.annexB, directory, "original.h264")
    let safe = try DebugDecode.run(
      try annexB(stream, rewritten), directory, "safe.h264")
    #expect(safe.digests.count == 12, "\(name)")
    #expect(safe.digests == original.digests, "\(name)")
    #expect(
      DebugDecode.decoderErrors(safe.log).isEmpty, "\(name): \(DebugDecode.decoderErrors(safe.log))"
    )
    // FFmpeg's own header parser reads the rewritten fields, and the weights of the fade.
    let trace = try Command(onPath: "ffmpeg").run([
      "-v", "trace", "-nostdin", "-i", directory.file("safe.h264").path, "-c", "copy",
      "-bsf:v", "trace_headers", "-f", "null", "-",
    ]).standardError
    let fields = trace.split(separator: "\n").map { line in
      line.split(separator: " ", omittingEmptySubsequences: true).suffix(4).joined(separator: " ")
    }
    let pSlices = 10 * (name == "three slices" ? 3 : 1)
    #expect(
      fields.filter { $0.hasPrefix("memory_management_control_operation ") && $0.hasSuffix("= 5") }
        .count == pSlices, "\(name)")
    #expect(
      fields.filter { $0.hasPrefix("frame_num ") && $0.hasSuffix("= 1") }.count == pSlices,
      "\(name)")
    if name == "weighted prediction" {
      #expect(fields.contains { $0.hasPrefix("luma_weight_l0_flag[0]") && $0.hasSuffix("= 1") })
    }
  }

  @Test func rewritingTwiceGivesTheSameBytesAndIDRPicturesAreNotTouched() throws {
    let directory = try TemporaryDirectory()
    let stream = try EncodedH264Stream.encode(frameCount: 8, keyframeInterval: 4, in: directory)
    let sets = try stream.parameterSets()
    for sample in stream.accessUnits {
      let once = try SpliceSafeFrameNumbering.rewriting(sample: sample.data, parameterSets: sets)
      #expect(try SpliceSafeFrameNumbering.rewriting(sample: once, parameterSets: sets) == once)
      #expect((once == sample.data) == sample.isSync)
    }
  }

  @Test func aStreamWithMoreThanOneReferenceFrameIsRefusedWithTheReason() throws {
    let directory = try TemporaryDirectory()
    let stream = try EncodedH264Stream.encode(
      frameCount: 4, keyframeInterval: 4, x264Parameters: "ref=3", in: directory)
    let sets = try stream.parameterSets()
    let error = #expect(throws: AVCError.self) {
      try SpliceSafeFrameNumbering.rewriting(
        sample: stream.accessUnits[1].data, parameterSets: sets)
    }
    #expect(error?.reason.contains("max_num_ref_frames 3 > 1") == true)
  }

  @Test func corruptedSlicesAndParameterSetsThrowOrParseButNeverTrap() throws {
    let directory = try TemporaryDirectory()
    var generator = SplitMix64(seed: 5)
    var parsed = 0
    var rewritten = 0
    for arguments in [[], ["-coder", "cavlc"]] {
      let stream = try EncodedH264Stream.encode(
        frameCount: 4, keyframeInterval: 4, extraArguments: arguments, in: directory)
      let sets = try stream.parameterSets()
      let slices = try stream.accessUnits.flatMap { try NALUnits.split(lengthPrefixed: $0.data) }
        .filter(SliceHeader.isSlice)
      let units = slices + stream.pictureParameterSets
      for _ in 0..<1500 {
        for original in units {
          var bytes = Array(original.prefix(24))
          for _ in 0..<Int.random(in: 1...3, using: &generator) {
            bytes[Int.random(in: 1..<bytes.count, using: &generator)] = UInt8.random(
              in: 0...255, using: &generator)
          }
          bytes.removeLast(Int.random(in: 0..<min(8, bytes.count), using: &generator))
          if original[0] & 0x1F == 8 {
            if (try? PictureParameterSet(nalUnit: bytes)) != nil { parsed += 1 }
            continue
          }
          guard (try? SliceHeader(nalUnit: bytes, parameterSets: sets)) != nil else { continue }
          parsed += 1
          guard
            let safe = try? SpliceSafeFrameNumbering.rewriting(nalUnit: bytes, parameterSets: sets)
          else { continue }
          rewritten += 1
          let header = try SliceHeader(nalUnit: safe, parameterSets: sets)
          #expect(header.nalUnitType == 5 || header.frameNum == 1)
        }
      }
    }
    // Most mutations leave a header that still parses; all of them were handled without a trap.
    #expect(parsed > 1000 && rewritten > 500)
  }
}
