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

  func continuation(
    rung: Int, frame: Int, segment: Int, bytes: [UInt8], capture: CaptureTime, stageSeconds: Double?
  ) throws {
    store.publishContinuation(track: rung, frame: frame, segment: segment, bytes: bytes)
    statistics.published(
      rung: rung, latencySeconds: LiveRung.seconds(ContinuousClock.now - capture.instant), stageSeconds: stageSeconds)
    try disk?.rungs[rung].append(bytes, segment: segment)
  }

  func initPacket(rung: Int, frame: Int, bytes: [UInt8]) throws {
    store.publishInit(track: rung, frame: frame, bytes: bytes)
    try disk?.rungs[rung].write(bytes, to: "init-\(frame).m4s")
  }
}
