import Foundation
import HESPCore
import Synchronization

/// What `/stats` reports and `hesp live` prints at the end: frames encoded and dropped, per
/// rung the capture-to-available latency (the time from a frame's capture until its chunk is
/// in the store, p50 and p99 over the last `sampleCount` frames) and how long each stage spends
/// per frame, and the real-time headroom (frame interval / the slowest stage's time per frame).
public final class LiveStatistics: Sendable {
  let trackIds: [String]
  let frameSeconds: Double
  private let state: Mutex<State>
  private let startedCPUSeconds: Double
  private let started = ContinuousClock.now
  static let sampleCount = 4096

  struct State {
    var framesOffered = 0
    var framesDropped = 0
    /// Slots dropped, by the second they were dropped in (for the real-time check).
    var dropSlots: [Int] = []
    var rungs: [Rung]
  }

  struct Rung {
    var framesPublished = 0
    var initPackets = 0
    var initSkipped = 0
    var latencies: [Double] = []
    var nextLatency = 0
    var continuationSeconds = 0.0
    var continuationFrames = 0
    var initSeconds = 0.0
    var initFrames = 0

    mutating func record(latencySeconds: Double, stageSeconds: Double?) {
      framesPublished += 1
      if latencies.count < LiveStatistics.sampleCount {
        latencies.append(latencySeconds)
      } else {
        latencies[nextLatency] = latencySeconds
        nextLatency = (nextLatency + 1) % LiveStatistics.sampleCount
      }
      if let stageSeconds {
        continuationSeconds += stageSeconds
        continuationFrames += 1
      }
    }
  }

  init(trackIds: [String], frameSeconds: Double) {
    self.trackIds = trackIds
    self.frameSeconds = frameSeconds
    state = Mutex(State(rungs: Array(repeating: Rung(), count: trackIds.count)))
    startedCPUSeconds = Self.processCPUSeconds()
  }

  func offered(slot: Int, dropped: Bool) {
    state.withLock { state in
      state.framesOffered += 1
      if dropped {
        state.framesDropped += 1
        state.dropSlots.append(slot)
      }
    }
  }

  func published(rung: Int, latencySeconds: Double, stageSeconds: Double?) {
    state.withLock { state in
      state.rungs[rung].record(latencySeconds: latencySeconds, stageSeconds: stageSeconds)
    }
  }

  func encodedInit(rung: Int, seconds: Double) {
    state.withLock { state in
      state.rungs[rung].initPackets += 1
      state.rungs[rung].initSeconds += seconds
      state.rungs[rung].initFrames += 1
    }
  }

  func skippedInit(rung: Int) { state.withLock { $0.rungs[rung].initSkipped += 1 } }

  /// Frames dropped among the slots `from..<to`.
  func dropped(inSlots range: Range<Int>) -> Int {
    state.withLock { state in
      state.dropSlots.reversed().prefix { $0 >= range.lowerBound }.filter { range.contains($0) }
        .count
    }
  }

  /// A snapshot, as `/stats` shows it.
  public struct Snapshot: Codable, Sendable {
    public struct Percentiles: Codable, Sendable {
      public var p50: Double
      public var p99: Double
    }
    public struct Track: Codable, Sendable {
      public var id: String
      public var framesPublished: Int
      public var initPackets: Int
      /// Init packets left out because the init stage was behind (never the continuation).
      public var initPacketsSkipped: Int
      public var captureToAvailableMs: Percentiles
      public var continuationMsPerFrame: Double
      public var initMsPerFrame: Double
    }
    public var framesEncoded: Int
    public var framesDropped: Int
    public var framesOffered: Int
    public var frameIntervalMs: Double
    /// Frame interval / the slowest stage's wall time per frame (over 1: keeps up).
    public var realtimeHeadroom: Double
    /// CPU seconds per second of wall clock since the start (cores busy).
    public var cpuCoresUsed: Double
    public var seconds: Double
    public var captureToAvailableMs: [String: Percentiles]
    public var tracks: [Track]
  }

  public func snapshot() -> Snapshot {
    let elapsed = ContinuousClock.now - started
    let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let cpu = Self.processCPUSeconds() - startedCPUSeconds
    return state.withLock { state in
      var slowest = 0.0
      let tracks = state.rungs.enumerated().map { index, lane in
        let continuation =
          lane.continuationFrames > 0
          ? lane.continuationSeconds / Double(lane.continuationFrames) : 0
        let initStage = lane.initFrames > 0 ? lane.initSeconds / Double(lane.initFrames) : 0
        slowest = max(slowest, continuation, initStage)
        let sorted = lane.latencies.sorted()
        return Snapshot.Track(
          id: trackIds[index], framesPublished: lane.framesPublished, initPackets: lane.initPackets,
          initPacketsSkipped: lane.initSkipped,
          captureToAvailableMs: Snapshot.Percentiles(
            p50: Self.milliseconds(Self.percentile(sorted, 0.50)),
            p99: Self.milliseconds(Self.percentile(sorted, 0.99))),
          continuationMsPerFrame: Self.milliseconds(continuation),
          initMsPerFrame: Self.milliseconds(initStage))
      }
      return Snapshot(
        framesEncoded: state.rungs.map(\.framesPublished).min() ?? 0,
        framesDropped: state.framesDropped,
        framesOffered: state.framesOffered, frameIntervalMs: Self.milliseconds(frameSeconds),
        realtimeHeadroom: slowest > 0 ? (frameSeconds / slowest * 100).rounded() / 100 : 0,
        cpuCoresUsed: wall > 0 ? (cpu / wall * 100).rounded() / 100 : 0,
        seconds: (wall * 1000).rounded() / 1000,
        captureToAvailableMs: Dictionary(
          uniqueKeysWithValues: tracks.map { ($0.id, $0.captureToAvailableMs) }),
        tracks: tracks)
    }
  }

  /// The snapshot as JSON (sorted keys).
  public func json() -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    return Array((try? encoder.encode(snapshot())) ?? Data("{}".utf8)) + [0x0A]
  }

  static func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
    return sorted[min(max(rank, 0), sorted.count - 1)]
  }

  static func milliseconds(_ seconds: Double) -> Double { (seconds * 10_000).rounded() / 10 }

  /// User + system CPU time of this process so far (`HESPCore.ProcessCPUTime`).
  static func processCPUSeconds() -> Double { ProcessCPUTime.seconds() }
}
