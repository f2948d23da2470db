import HESPABR
import HESPCore
import HESPProtocols
import HESPTraces

/// Tiny hand-made packages and links whose timings can be computed by hand.
enum Synthetic {
  /// 10 fps (100 ms frames), segments of 10 frames (1 s) starting with a keyframe, 2 tracks:
  /// track 0 chunks 500 B (4,000 bits), init packets 1,000 B; track 1 chunks 1,000 B,
  /// init packets 2,000 B.
  static func index(frameCount: Int = 30) -> FrameIndex {
    func track(_ id: String, kbps: Int, chunk: Int, initBytes: Int) -> FrameIndex.Track {
      let frames = (0..<frameCount).map { k in
        FrameIndex.Frame(
          chunkByteCount: chunk, segmentId: k / 10, byteOffset: (k % 10) * chunk,
          isKeyframe: k % 10 == 0,
          initPacketByteCount: initBytes)
      }
      let segments = stride(from: 0, to: frameCount, by: 10).map {
        FrameIndex.Segment(
          id: $0 / 10, firstFrame: $0, frameCount: min(10, frameCount - $0), byteCount: 10 * chunk)
      }
      return FrameIndex.Track(
        id: id, width: 320, height: 180, targetBitsPerSecond: kbps * 1000,
        averageBitsPerSecond: kbps * 1000,
        peakBitsPerSecond: kbps * 1000, headerByteCount: 600, codecs: "avc1.64000d", frames: frames,
        segments: segments)
    }
    return FrameIndex(
      timescale: 1000, frameDurationTicks: 100, frameCount: frameCount, segmentDurationFrames: 10,
      gopFrames: 10,
      initializationIntervalFrames: 1,
      tracks: [
        track("low", kbps: 40, chunk: 500, initBytes: 1000),
        track("high", kbps: 80, chunk: 1000, initBytes: 2000),
      ])
  }

  static func content(frameCount: Int = 30) throws -> ProtocolContent {
    try ProtocolContent(index: index(frameCount: frameCount))
  }

  /// 1,000 kbit/s (1 bit per µs: 8,000 bits take 8 ms), 50 ms latency per request.
  static let constantLink = link(latencyMs: 50)

  /// 1,000 kbit/s with `latencyMs` to the first byte of every request.
  static func link(latencyMs: Double) -> NetworkTrace {
    NetworkTrace(periods: [.init(durationMs: 100_000, bandwidthKbps: 1000, latencyMs: latencyMs)])
  }
}

/// Quality 0 until the decided unit index first reaches `unit`, then quality 1 for good: one
/// switch at a known point.
struct SwitchAtUnitRule: ABRAlgorithm {
  var unit: Int
  struct State: Sendable { var switched = false }
  var initialState: State { State() }
  func decide(_ context: DecisionContext, state: inout State) -> Decision {
    if context.segmentIndex >= unit { state.switched = true }
    return Decision(quality: state.switched ? 1 : 0)
  }
}
