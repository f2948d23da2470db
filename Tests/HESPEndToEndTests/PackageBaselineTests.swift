import Foundation
import HESPCore
import HESPTestSupport
import Testing

/// `hesp package --baseline`: a conventional ladder in OUT/baseline (GOP = segment duration,
/// same rungs) beside the HESP package, which the study uses for dash and ll-hls.
@Suite struct PackageBaselineTests {
  @Test func theBaselineLadderHasAKeyframeAtEverySegmentAndTheSameRungs() throws {
    let scratch = try TemporaryDirectory(prefix: "baseline")
    let out = scratch.file("pkg")
    let output = try Command.hesp().run([
      "package", Fixture.clip.path, "-o", out.path, "--ladder", "180p@400k,108p@150k", "--gop", "1",
      "--segment-duration", "0.5", "--baseline", "--quiet",
    ])
    #expect(output.status == 0, "\(output.standardError)")
    func index(_ path: URL) throws -> FrameIndex {
      try JSONDecoder().decode(
        FrameIndex.self, from: Data(contentsOf: path.appendingPathComponent("frame-index.json")))
    }
    let hesp = try index(out)
    let baseline = try index(out.appendingPathComponent("baseline"))
    #expect(hesp.gopFrames == 30)
    #expect(baseline.gopFrames == 15)
    #expect(baseline.segmentDurationFrames == 15)
    #expect(baseline.tracks.map(\.targetBitsPerSecond) == hesp.tracks.map(\.targetBitsPerSecond))
    #expect(baseline.frameCount == hesp.frameCount)
    for track in baseline.tracks {
      #expect(track.frames.indices.filter { track.frames[$0].isKeyframe } == [0, 15])
    }
  }
}
