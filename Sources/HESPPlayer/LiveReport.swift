import Foundation
import HESPCore
import HESPProtocols

/// Where a live session starts in the stream: session frame `headStart - 1` (the newest when
/// the session starts, as the decisions model it) is the stream's newest frame, read from a
/// fresh manifest right before the session clock starts. A stream younger than the decisions'
/// head start is waited for.
enum LiveJoin {
  /// The longest wait for a young stream to have the frames a join needs.
  static let longestWaitSeconds = 60.0

  static func headStartFrames(_ core: any ProtocolDecisions) -> Int {
    Int((1 - core.availableMs(0) / core.content.frameMs).rounded())
  }

  /// Anchors `live` and starts the session clock.
  static func anchor(
    _ live: LiveStream, core: any ProtocolDecisions, manifestURL: String, transport: HTTPTransport
  ) async throws -> LiveStream {
    var live = live
    let headStart = headStartFrames(core)
    var newest = try await PlayerPackage.newestLiveFrame(
      manifestURL: manifestURL, transport: transport)
    let started = Date()
    while newest < headStart - 1 {
      guard Date().timeIntervalSince(started) < longestWaitSeconds else {
        throw PlayerError.request(
          manifestURL,
          "the live stream has \(newest + 1) frames after a minute; a join needs \(headStart)")
      }
      let missing = Double(headStart - 1 - newest)
      try await Task.sleep(for: .milliseconds(Int64((missing * live.frameMs).rounded(.up))))
      newest = try await PlayerPackage.newestLiveFrame(
        manifestURL: manifestURL, transport: transport)
    }
    live.newestFrame = newest
    live.firstFrame = newest - (headStart - 1)
    transport.startSession()
    live.sessionOriginSeconds = Date().timeIntervalSince1970
    return live
  }
}

/// What a live session measured against the stream's own clock: each received frame's capture
/// time (its chunk's `prft`, moved onto this machine's clock with the `timeSource` offset)
/// against its arrival, and how far the decisions' model of capture times (frame k captured at
/// `(k - headStart)` frame intervals of session time) is from the real ones, which turns the
/// session's modelled display latency into the measured one.
public struct LiveReport: Sendable, Encodable {
  /// The stream's frame number of session frame 0.
  public var firstStreamFrame: Int
  /// The stream's newest frame when the session started.
  public var newestStreamFrameAtStart: Int
  public var headStartFrames: Int
  /// Frames received with a `prft`.
  public var framesMeasured: Int
  /// Capture (the encoder's input) to the chunk's arrival at the player.
  public var captureToArrivalMs: LatencySummary?
  /// Modelled minus real capture time, median over the frames: added to the modelled display
  /// latency to give the measured one.
  public var modelOffsetMs: Double?
  /// Seconds the server's clock is ahead of this machine's (`timeSource`).
  public var serverClockOffsetMs: Double

  init(stream: LiveStream, samples: [LiveLatencyLog.Sample], core: any ProtocolDecisions) {
    let headStart = LiveJoin.headStartFrames(core)
    firstStreamFrame = stream.firstFrame
    newestStreamFrameAtStart = stream.newestFrame
    headStartFrames = headStart
    framesMeasured = samples.count
    captureToArrivalMs = LatencySummary(samplesMs: samples.map { $0.arrivalMs - $0.captureMs })
    let offsets = samples.map {
      Double($0.sessionFrame - headStart) * stream.frameMs - $0.captureMs
    }.sorted()
    modelOffsetMs = offsets.isEmpty ? nil : LatencySummary.percentile(sorted: offsets, 50)
    serverClockOffsetMs = stream.serverClockOffsetSeconds * 1000
  }

  /// The session's display latency (modelled capture times) on the measured capture times.
  func displayLatency(shifting modelled: LatencySummary?) -> LatencySummary? {
    guard let modelled, let shift = modelOffsetMs else { return modelled }
    return LatencySummary(
      count: modelled.count, meanMs: modelled.meanMs + shift, p50Ms: modelled.p50Ms + shift,
      p90Ms: modelled.p90Ms + shift, p99Ms: modelled.p99Ms + shift,
      maxMs: modelled.maxMs + shift, tm90Ms: modelled.tm90Ms + shift)
  }
}
