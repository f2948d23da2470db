import ArgumentParser
import Foundation
import HESPProtocols

/// Session options shared by `study` and `demo`.
struct StudySessionArguments: ParsableArguments {
  @Flag(help: "Live: frames exist only after their production time.")
  var live = false

  @Option(help: "Live: target latency in seconds.")
  var targetLatency: Double = 1

  @Option(
    help:
      "Live: playback rate while above the target latency and at least min(0.5 s, target/2) is buffered."
  )
  var catchup: Double = ProtocolOptions.defaultCatchupRate

  @Flag(
    help:
      "Live: HESP joins at the latest init packet (now) instead of now minus the target latency.")
  var joinLiveEdge = false

  @Option(help: "LL-HLS part duration in seconds.")
  var partDuration: Double = 0.5

  @Option(help: "ABR evaluation interval in seconds (HESP decision blocks; probes for all).")
  var decisionInterval: Double = 0.5

  @Option(
    help: ArgumentHelp(
      "Which switches replace buffered media, for every protocol: none, up (dash.js fastSwitchEnabled) or all.",
      valueName: "policy"))
  var replace = ReplacementPolicy.up

  @Flag(help: "Shorthand for --replace up (dash.js fastSwitchEnabled).")
  var fastSwitch = false

  @Flag(help: "Shorthand for --replace none.")
  var noReplace = false

  @Flag(help: "Live: no playback-rate catch-up.")
  var noCatchup = false

  @Flag(
    help:
      "HESP: the player knows continuation offsets in advance (a published offset index) and requests the init packet and the continuation at once."
  )
  var hespOffsetIndex = false

  @Option(
    help:
      "Seconds of media after the first frame or a switch within which a freeze belongs to the startup or the switch."
  )
  var settleWindow: Double = 0.5

  @Flag(
    help:
      "The player fetches the video only: the package's audio is not added to the frames (hesp play's player; use it for a simulation hesp emulate is compared with)."
  )
  var videoOnly = false

  @Option(
    help: ArgumentHelp(
      "HESP: round trips of a closed continuation's data (bandwidth x round trip each) still queued at the bottleneck ahead of a switch's init packet (1: what a BBR sender keeps queued; 0: the link empties at once, Sabre's model).",
      valueName: "round-trips"))
  var cancelledQueueRoundTrips: Double = 0

  @Option(
    help: ArgumentHelp(
      "The simulated link delivers packets of this many payload bytes (1448: TCP over Ethernet): a continuation frame or LL-DASH chunk is seen when the packet holding its last byte arrives (0: a fluid link, Sabre's model).",
      valueName: "bytes"))
  var packetPayloadBytes = 0

  @Option(help: "VoD buffer capacity in seconds.")
  var bufferSize: Double = 25

  @Option(help: "Content length in seconds (the packaged clip is looped).")
  var contentDuration: Double = 60

  func options() throws(ProtocolInputError) -> ProtocolOptions {
    var options = ProtocolOptions()
    options.live = live
    options.targetLatencyMs = targetLatency * 1000
    options.catchupRate = noCatchup ? nil : catchup
    options.hespJoinsAtLiveEdge = joinLiveEdge
    options.partDurationMs = partDuration * 1000
    options.decisionIntervalMs = decisionInterval * 1000
    var policy = replace
    if fastSwitch { policy = .up }
    if noReplace { policy = .none }
    guard !(fastSwitch && noReplace) else {
      throw ProtocolInputError("--fast-switch and --no-replace contradict each other")
    }
    options.replacement = policy
    options.hespKnowsContinuationOffsets = hespOffsetIndex
    options.settleWindowMs = settleWindow * 1000
    options.bufferSizeMs = bufferSize * 1000
    options.videoOnly = videoOnly
    options.cancelledQueueRoundTrips = cancelledQueueRoundTrips
    options.packetPayloadBytes = packetPayloadBytes
    guard contentDuration.isFinite, contentDuration > 0 else {
      throw ProtocolInputError("--content-duration: must be positive, got \(contentDuration)")
    }
    options.contentDurationMs = contentDuration * 1000
    return options
  }
}

/// `--replace none|up|all`, listed in help.
extension ReplacementPolicy: ExpressibleByArgument {}
