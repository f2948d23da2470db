import HESPCore
import HESPTraces

extension ProtocolCore {
  func makeResult(trace: NetworkTrace?) -> ProtocolSessionResult {
    var switches = self.switches
    for index in switches.indices {
      let frame = switches[index].frame
      if switchIndexByFrame[frame] == index {
        switches[index].displayedMs = playout.displayMsOfWatched[frame]
        switches[index].continuousMs = playout.continuousMsOfWatched[frame]
      }
    }
    let latencies = switches.compactMap(\.latencyMs)
    let ratios = switches.compactMap(\.ratioToBound).sorted()
    let endMs = playout.clockMs ?? nowMs
    return ProtocolSessionResult(
      protocolName: streamingProtocol.rawValue, abrName: "", traceName: "", live: options.live,
      sizesSource: "",
      effectiveTargetLatencyMs: options.live ? effectiveTargetLatencyMs : nil,
      startupMs: playout.continuousStartMs, firstFrameMs: playout.firstDisplayMs,
      switches: switches, switchLatency: LatencySummary(samplesMs: latencies),
      medianRatioToBound: ratios.isEmpty ? nil : LatencySummary.percentile(sorted: ratios, 50),
      reactionMs: trace.flatMap { reactionMs(trace: $0, untilMs: endMs) },
      rebufferMs: playout.stallMs, rebufferEvents: playout.stallEvents,
      playedBitrateKbps: playout.playedFrames > 0
        ? playout.playedBitrateSumKbps / Double(playout.playedFrames) : 0,
      qualityChanges: playout.displayedQualityChanges,
      liveLatency: options.live ? LatencySummary(samplesMs: playout.latencySamplesMs) : nil,
      downloadedByteCount: Int(downloadedBits / 8), initPacketByteCount: Int(initPacketBits / 8),
      wastedByteCount: Int(wastedBits / 8), splicedFramesPlayed: playout.playedSplicedFrames,
      framesPlayed: playout.playedFrames, sessionMs: endMs,
      completed: completed && playout.playedFrames > 0,
      displayedQualitySteps: playout.qualitySteps.map {
        .init(timeMs: $0.timeMs, quality: $0.quality)
      },
      stalls: playout.stalls.map { .init(startMs: $0.startMs, endMs: $0.endMs) },
      bufferSamples: playout.bufferSamples.map { .init(timeMs: $0.timeMs, levelMs: $0.levelMs) },
      decisions: options.recordsDecisions ? decisionLog : nil)
  }

  /// The highest quality whose nominal bitrate fits `bandwidthKbps` (0 at least).
  func sustainableQuality(bandwidthKbps: Double) -> Int {
    var quality = 0
    while quality + 1 < content.trackCount && content.bitratesKbps[quality + 1] <= bandwidthKbps {
      quality += 1
    }
    return quality
  }

  /// Mean time from each change of the sustainable quality (trace periods, looped) to the display
  /// of a frame at that quality (at or above it after an up-step, at or below after a down-step),
  /// counted only when the displayed quality did not already satisfy it, capped at the next change.
  func reactionMs(trace: NetworkTrace, untilMs endMs: Double) -> Double? {
    let steps = playout.qualitySteps
    guard let firstStep = steps.first, !trace.periods.isEmpty else { return nil }
    var changes: [(timeMs: Double, quality: Int, up: Bool)] = []
    var timeMs = 0.0
    var previous: Int?
    var index = 0
    while timeMs < endMs {
      let period = trace.periods[index % trace.periods.count]
      let sustainable = sustainableQuality(bandwidthKbps: period.bandwidthKbps)
      if let previous, sustainable != previous, timeMs >= firstStep.timeMs {
        changes.append((timeMs, sustainable, sustainable > previous))
      }
      previous = sustainable
      timeMs += period.durationMs
      index += 1
    }
    func displayed(atMs time: Double) -> Int {
      var quality = firstStep.quality
      for step in steps where step.timeMs <= time { quality = step.quality }
      return quality
    }
    var samples: [Double] = []
    for (i, change) in changes.enumerated() {
      func satisfied(_ quality: Int) -> Bool {
        change.up ? quality >= change.quality : quality <= change.quality
      }
      if satisfied(displayed(atMs: change.timeMs)) { continue }
      let limit = i + 1 < changes.count ? changes[i + 1].timeMs : endMs
      let reached =
        steps.first { $0.timeMs > change.timeMs && satisfied($0.quality) }?.timeMs ?? limit
      samples.append(min(reached, limit) - change.timeMs)
    }
    return samples.isEmpty ? nil : samples.reduce(0, +) / Double(samples.count)
  }
}
