import Foundation
import HESPAVC
import HESPTestSupport
import Testing

@testable import HESPMP4

/// Splices of a small CMAF package (init picture, then the continuation) decoded by ffmpeg: the
/// frame_num rewrites of HESPAVC remove the gap a splice leaves and keep the pictures.
@Suite struct SpliceDecodeTests {
  @Test func renumberingTheContinuationRemovesTheFrameNumGapOfASpliceAndKeepsThePictures() throws {
    let scratch = try TemporaryDirectory()
    let package = try MiniPackage.build(in: scratch.file("package"), scratch: scratch)
    let sets = try AVCParameterSets(package.configuration)
    let splice = 10
    let nextIDR = 25
    func spliceBytes(renumber: Bool) throws -> [UInt8] {
      var continuation = package.continuationSamples
      for frame in splice + 1..<nextIDR where renumber {
        continuation[frame].data = try SliceHeader.rewritingFrameNum(
          inSample: continuation[frame].data, parameterSets: sets, to: UInt32(frame - splice))
      }
      return package.spliceBytes(joiningAt: splice, continuation: continuation)
    }
    let gap = try DebugDecode.run(try spliceBytes(renumber: false), scratch, "gap.mp4")
    let renumbered = try DebugDecode.run(try spliceBytes(renumber: true), scratch, "renumbered.mp4")
    #expect(gap.log.contains("Frame num gap"))
    #expect(!renumbered.log.contains("Frame num gap"))
    #expect(renumbered.digests.count == MiniPackage.frameCount - splice)
    #expect(renumbered.digests == gap.digests)
  }

  @Test func aSpliceAtAnyFrameOfARewrittenContinuationHasNoFrameNumGap() throws {
    let scratch = try TemporaryDirectory()
    let package = try MiniPackage.build(in: scratch.file("package"), scratch: scratch)
    let sets = try AVCParameterSets(package.configuration)
    let safe = try package.continuationSamples.map { sample in
      var copy = sample
      copy.data = try SpliceSafeFrameNumbering.rewriting(sample: sample.data, parameterSets: sets)
      return copy
    }
    for splice in [0, 7, 16, 24, 31, 48] {
      let plain = try DebugDecode.run(
        package.spliceBytes(joiningAt: splice, continuation: package.continuationSamples), scratch,
        "plain-\(splice).mp4")
      let rewritten = try DebugDecode.run(
        package.spliceBytes(joiningAt: splice, continuation: safe), scratch, "safe-\(splice).mp4")
      // Without the rewrite, frame splice+1 keeps its GOP's frame_num: a gap unless that is 1
      // (mod MaxFrameNum) or the frame is an IDR.
      let next = (splice + 1) % MiniPackage.gopFrames
      let maxFrameNum = 1 << (try package.configuration.sequenceParameterSet.frameNumBitCount)
      #expect(
        plain.log.contains("Frame num gap") == (next != 0 && next % maxFrameNum != 1),
        "splice \(splice)")
      #expect(DebugDecode.decoderErrors(rewritten.log).isEmpty, "splice \(splice)")
      #expect(rewritten.digests.count == MiniPackage.frameCount - splice)
      #expect(rewritten.digests == plain.digests, "splice \(splice)")
    }
  }
}
