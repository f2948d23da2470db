import Foundation
import HESPServer

/// Where each frame goes the moment it exists: the live store (served), the growing files
/// (`-o`), and the statistics (capture-to-available latency per rung).
final class LivePublication: Sendable {
  let store: LiveStore
  let disk: LiveDiskWriter?
  let statistics: LiveStatistics

  init(store: LiveStore, disk: LiveDiskWriter?, statistics: LiveStatistics) {
    self.store = store
    self.disk = disk
    self.statistics = statistics
  }

  /// Continuation frame `frame`: `bytes` is its chunk, after the segment's `styp`
  /// (`prefixByteCount` bytes) when it starts the segment.
  func continuation(
    rung: Int, frame: Int, segment: Int, bytes: [UInt8], prefixByteCount: Int, isKeyframe: Bool,
    capture: CaptureTime, stageSeconds: Double?
  ) throws {
    store.publishContinuation(track: rung, frame: frame, segment: segment, bytes: bytes)
    statistics.published(
      rung: rung, latencySeconds: LiveRung.seconds(ContinuousClock.now - capture.instant),
      stageSeconds: stageSeconds)
    try disk?.rungs[rung].append(
      bytes, frame: frame, segment: segment, prefixByteCount: prefixByteCount,
      isKeyframe: isKeyframe)
  }

  func initPacket(rung: Int, frame: Int, bytes: [UInt8]) throws {
    store.publishInit(track: rung, frame: frame, bytes: bytes)
    try disk?.rungs[rung].writeInit(bytes, frame: frame)
  }

  /// The stream ended after frame `frame`, whose init packet pointed at the frame after it:
  /// the recording gets the packet again without a pointer (the last frame's packet of a
  /// package points nowhere). Players of the live store never ask for frames past the end.
  func lastInitPacket(rung: Int, frame: Int, bytes: [UInt8]) throws {
    try disk?.rungs[rung].writeInit(bytes, frame: frame)
  }
}
