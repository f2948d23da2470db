import HESPCore
import HESPPackager

/// Everything `hesp live` was asked to do.
public struct LiveOptions: Sendable {
  /// A file (read at its native rate), `lavfi:<filtergraph>`, or a URL libavformat opens.
  public var input: String
  /// nil: derived from the source (`EncodingLadder.derived`).
  public var ladder: EncodingLadder?
  /// Write the growing files into this folder (`OutputFolder` rules: staged, moved in place
  /// at the end).
  public var outputPath: String?
  public var force = false
  /// Serve the stream over HTTP (`hesp serve`'s routes) under `/<name>/`.
  public var serve = false
  public var host = "127.0.0.1"
  public var port = 8080
  public var name = "live"
  /// Stop after this many seconds of stream (nil: until SIGINT/SIGTERM or the input ends).
  public var durationSeconds: Double?
  /// Read a file again from its start when it ends.
  public var loop = false
  /// One init packet every this many frames (1: every frame, the Maximal Gain profile).
  public var initIntervalFrames = 1
  /// Encode init packets only for tracks that were asked for in the last `demandSeconds`.
  public var initOnDemand = false
  public var demandSeconds = 3.0
  public var preset = "ultrafast"
  public var initQP = 16
  public var gopSeconds = 2.0
  public var segmentDurationSeconds = 2.0
  /// `availabilityDuration`: how far behind the newest frame stays fetchable.
  public var windowSeconds = 10.0
  /// A source frame waits at most this long for a busy rung; later it is dropped (counted).
  public var maximumQueueSeconds = 0.3
  /// x264 threads per encoder (1: the rungs and stages are the parallelism).
  public var encoderThreadCount = 1
  /// A URL input that sends nothing for this many seconds has stopped: the stream ends cleanly
  /// (a read would otherwise wait forever).
  public var inputTimeoutSeconds = 5.0
  /// One access-log line per request on stderr.
  public var accessLog = false

  public init(input: String) { self.input = input }

  /// Checks the numeric options; throws `LiveError.invalidOption` naming the option.
  public func validate() throws {
    func positive(_ value: Double, _ name: String) throws {
      guard value.isFinite, value > 0, value <= PackagingOptions.longestSeconds else {
        throw LiveError.invalidOption(name, "must be a positive number of seconds, got \(value)")
      }
    }
    try positive(gopSeconds, "--gop")
    try positive(segmentDurationSeconds, "--segment-duration")
    try positive(windowSeconds, "--window")
    try positive(maximumQueueSeconds, "--max-queue")
    try positive(demandSeconds, "--demand-window")
    try positive(inputTimeoutSeconds, "--input-timeout")
    if let durationSeconds { try positive(durationSeconds, "--duration") }
    guard initIntervalFrames > 0 else {
      throw LiveError.invalidOption(
        "--init-interval", "must be a positive number of frames, got \(initIntervalFrames)")
    }
    guard (0...51).contains(initQP) else {
      throw LiveError.invalidOption("--init-qp", "must be between 0 and 51, got \(initQP)")
    }
    guard PackagingOptions.presets.contains(preset) else {
      throw LiveError.invalidOption(
        "--preset",
        "unknown x264 preset '\(preset)' (one of \(PackagingOptions.presets.joined(separator: ", ")))"
      )
    }
    guard (0...65535).contains(port) else {
      throw LiveError.invalidOption("--port", "expected 0-65535, got \(port)")
    }
    guard (0...16).contains(encoderThreadCount) else {
      throw LiveError.invalidOption(
        "--threads", "must be between 0 and 16, got \(encoderThreadCount)")
    }
    guard serve || outputPath != nil else {
      throw LiveError.invalidOption("--serve", "give -o DIR, --serve, or both")
    }
    if initOnDemand && !serve {
      throw LiveError.invalidOption(
        "--init-on-demand", "needs --serve (demand is what players ask for)")
    }
    if initOnDemand && outputPath != nil {
      throw LiveError.invalidOption(
        "--init-on-demand",
        "cannot be combined with -o: the recording would lack the init packets nobody asked for, "
          + "and a package needs every one (--init-interval K saves CPU and records a valid package)"
      )
    }
    if initOnDemand && initIntervalFrames != 1 {
      throw LiveError.invalidOption("--init-on-demand", "cannot be combined with --init-interval")
    }
    guard !name.isEmpty, !name.contains("/"), !name.hasPrefix("."),
      !["player", "time", "stats"].contains(name)
    else {
      throw LiveError.invalidOption("--name", "'\(name)' cannot be a path segment of its own")
    }
  }
}
