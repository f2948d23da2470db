import Foundation

/// How one protocol session is run (units: ms; rates as multipliers).
public struct ProtocolOptions: Sendable, Equatable, Codable {
  /// Live (frames exist only after their production time) or VoD.
  public var live = false
  /// Live: the latency the player aims at, in ms (capture of a frame to its display). A protocol
  /// that cannot go this low plays at its own minimum (`ProtocolLatencyFloor`), reported as the
  /// session's effective target.
  public var targetLatencyMs = 1_000.0
  /// Live: play at this rate while the latency is above target and enough media is buffered
  /// (nil = no catch-up). On by default for every protocol, as LoL+ and hls.js do.
  public var catchupRate: Double? = ProtocolOptions.defaultCatchupRate
  /// LL-HLS part duration in ms (rounded to whole frames).
  public var partDurationMs = 500.0
  /// Cadence of ABR decisions in ms: no protocol asks its ABR for a new decision more often
  /// (segment protocols also at each request), and every ABR is probed this often, so a switch's
  /// decision time is when the ABR first wanted it.
  public var decisionIntervalMs = 500.0
  /// Which switches replace buffered media (every protocol alike).
  public var replacement = ReplacementPolicy.up
  /// HESP: the player knows where the continuation resumes before the init packet arrives (an
  /// offset index published beside the stream) and requests the init packet and the continuation
  /// at once; without it (the draft's behaviour) the continuation request waits for the init
  /// packet's `initdata`, one more round trip.
  public var hespKnowsContinuationOffsets = false
  /// Media after a switch (or the first frame) within which a freeze belongs to the switch (or the
  /// startup): the latency runs to the first frame after which playback continues without one.
  public var settleWindowMs = 500.0
  /// Buffer capacity in ms (VoD; live buffers are bounded by the latency).
  public var bufferSizeMs = 25_000.0
  /// Length of the content in ms: the packaged clip is looped to this length (nil = clip length).
  public var contentDurationMs: Double?
  /// Live: HESP joins at the latest init packet (`now`) instead of the one that puts playback at
  /// the target latency (`now − target`).
  public var hespJoinsAtLiveEdge = false
  /// Live: frames already produced when the session starts, in units of the segment duration
  /// (raised when the target latency needs more).
  public var liveHeadStartSegments = 2.5
  /// The player fetches the video tracks only: a package's audio chunks are not added to the
  /// frames it transfers (`ProtocolContent(index:durationMs:includingAudio:)`). Off by default
  /// (the study's players fetch audio beside the video); `hesp play` fetches no audio, so
  /// `hesp emulate` and the simulation it is compared with set it (docs/emulation.md).
  public var videoOnly = false
  /// HESP on the simulator's link: a switch that closes a continuation while it streams finds
  /// this many round trips of that continuation's data (bandwidth x round trip each) still
  /// queued at the bottleneck, ahead of the new init packet's first byte. A real sender keeps
  /// a standing queue (BBR about one bandwidth-delay product), and closing a connection does not
  /// empty it (docs/emulation.md). 0 (the default): the link is free at once, as on Sabre's link
  /// of one transfer at a time.
  public var cancelledQueueRoundTrips = 0.0
  /// The simulator's link delivers in packets of this many payload bytes (TCP over Ethernet:
  /// 1,448): a continuation frame or an LL-DASH chunk is seen when the packet holding its last
  /// byte has arrived (`PacketizedResponse`), up to one packet's time later than on a fluid
  /// link. 0 (the default): fluid, as Sabre's link.
  public var packetPayloadBytes = 0
  /// Keep every ABR decision and its inputs in the result (`ProtocolSessionResult.decisions`),
  /// to compare a simulated session with a played one decision by decision. Changes no number.
  public var recordsDecisions = false

  /// dash.js's maximum catch-up rate is 1.5x; hls.js leaves it to the page. 1.1x catches up a
  /// second of latency in 10 s without a visible speed change.
  public static let defaultCatchupRate = 1.1

  public init() {}
}

extension ProtocolOptions {
  /// The highest live target latency a session accepts (10 minutes).
  public static let maximumTargetLatencyMs = 600_000.0

  /// Milliseconds as seconds for messages: at most three decimals, no trailing zeros.
  public static func seconds(_ ms: Double) -> String {
    var text = String(format: "%.3f", ms / 1000)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
  }

  /// Checks the options against the content's frame interval.
  /// - Throws: `ProtocolInputError` naming the option.
  public func validate(frameMs: Double) throws(ProtocolInputError) {
    if live {
      guard targetLatencyMs.isFinite, targetLatencyMs >= frameMs else {
        throw ProtocolInputError(
          "--target-latency: \(Self.seconds(targetLatencyMs)) s is below one frame (\(Self.seconds(frameMs)) s)"
        )
      }
      guard targetLatencyMs <= Self.maximumTargetLatencyMs else {
        throw ProtocolInputError(
          "--target-latency: \(Self.seconds(targetLatencyMs)) s is above the limit of "
            + "\(Self.seconds(Self.maximumTargetLatencyMs)) s")
      }
      if let catchupRate, !(catchupRate.isFinite && catchupRate > 1 && catchupRate <= 2) {
        throw ProtocolInputError("--catchup: must be above 1 and at most 2, got \(catchupRate)")
      }
    }
    guard partDurationMs.isFinite, partDurationMs >= frameMs else {
      throw ProtocolInputError(
        "--part-duration: \(Self.seconds(partDurationMs)) s is below one frame (\(Self.seconds(frameMs)) s)"
      )
    }
    guard decisionIntervalMs.isFinite, decisionIntervalMs > 0 else {
      throw ProtocolInputError(
        "--decision-interval: must be positive, got \(Self.seconds(decisionIntervalMs)) s")
    }
    guard settleWindowMs.isFinite, settleWindowMs >= 0 else {
      throw ProtocolInputError(
        "--settle-window: must be zero or positive, got \(Self.seconds(settleWindowMs)) s")
    }
    guard cancelledQueueRoundTrips.isFinite, cancelledQueueRoundTrips >= 0,
      cancelledQueueRoundTrips <= 100
    else {
      throw ProtocolInputError(
        "--cancelled-queue-round-trips: must be in [0, 100], got \(cancelledQueueRoundTrips)")
    }
    guard (0...65_536).contains(packetPayloadBytes) else {
      throw ProtocolInputError(
        "--packet-payload-bytes: must be in [0, 65536], got \(packetPayloadBytes)")
    }
    guard bufferSizeMs.isFinite, bufferSizeMs >= frameMs else {
      throw ProtocolInputError(
        "--buffer-size: \(Self.seconds(bufferSizeMs)) s is below one frame (\(Self.seconds(frameMs)) s)"
      )
    }
  }
}
