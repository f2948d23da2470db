import HESPCore

/// Everything `hesp package` was asked to do, validated.
public struct PackagingOptions: Sendable, Equatable {
  public var inputPath: String
  public var outputPath: String
  /// nil = derived from the source (`EncodingLadder.derived`).
  public var ladder: EncodingLadder?
  /// Keyframe interval of the continuation streams, seconds.
  public var gopSeconds: Double
  /// Continuation segment duration, seconds.
  public var segmentDurationSeconds: Double
  /// Constant QP of the initialization stream (ignored with `initLossless`).
  public var initQP: Int
  /// Lossless (QP 0) init packets of the uncropped reconstruction: bit-exact splices.
  public var initLossless: Bool
  /// One init packet every this many frames.
  public var initIntervalFrames: Int
  /// Continuation P pictures carry frame_num 1 and MMCO 5, so every splice is gap-free
  /// (`SpliceSafeFrameNumbering`). On by default: without it a splice is not conformant H.264.
  public var spliceSafeFrameNum: Bool
  /// x264 preset of both encoders.
  public var preset: String
  /// Package only the first frames (nil = all).
  public var frameLimit: Int?
  /// Package only the first seconds (nil = all).
  public var durationLimitSeconds: Double?
  /// Replace an existing output directory.
  public var force: Bool
  /// Threads per x264 encoder. 1 (the default) gives byte-identical output run after run; with
  /// more, x264's VBV rate control depends on thread timing.
  public var encoderThreadCount: Int
  /// The audio track: passed through (AAC), encoded to AAC-LC, or left out (`AudioOptions`).
  public var audio = AudioOptions()
  /// Deinterlace even when neither the stream nor its pictures say interlaced: combed pictures
  /// carried in a progressive stream. Not detected on its own (libavfilter's idet reads sharp
  /// synthetic progressive patterns as interlaced, so detection would change clean sources).
  /// nil: deinterlace what is flagged; true/false: deinterlace every picture, top (bottom) field first.
  public var forcedTopFieldFirst: Bool?

  public init(
    inputPath: String, outputPath: String, ladder: EncodingLadder? = nil, gopSeconds: Double = 2,
    segmentDurationSeconds: Double = 2, initQP: Int = 16, initLossless: Bool = false,
    initIntervalFrames: Int = 1, spliceSafeFrameNum: Bool = true, preset: String = "veryfast",
    frameLimit: Int? = nil, durationLimitSeconds: Double? = nil, force: Bool = false,
    encoderThreadCount: Int = 1
  ) {
    self.inputPath = inputPath
    self.outputPath = outputPath
    self.ladder = ladder
    self.gopSeconds = gopSeconds
    self.segmentDurationSeconds = segmentDurationSeconds
    self.initQP = initQP
    self.initLossless = initLossless
    self.initIntervalFrames = initIntervalFrames
    self.spliceSafeFrameNum = spliceSafeFrameNum
    self.preset = preset
    self.frameLimit = frameLimit
    self.durationLimitSeconds = durationLimitSeconds
    self.force = force
    self.encoderThreadCount = encoderThreadCount
  }

  /// The x264 options of every continuation encode (DESIGN.md §2.1). The init encoder adds
  /// `ipratio=1` and a constant QP.
  public static let continuationX264Parameters =
    "bframes=0:ref=1:scenecut=0:open-gop=0:stitchable=1"

  /// x264 presets libx264 accepts.
  public static let presets = [
    "ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow",
    "placebo",
  ]

  /// The longest duration any option accepts (11.6 days): frame counts stay far from overflow.
  public static let longestSeconds = 1_000_000.0

  /// Durations that would round to no frame at all on the source's frame grid are refused
  /// (they used to become one frame without a word); call once the source's rate is known.
  public func validate(grid: FrameGrid) throws {
    let frameSeconds = grid.seconds(ofFrames: 1)
    let options: [(String, Double?)] = [
      ("--gop", gopSeconds), ("--segment-duration", segmentDurationSeconds),
      ("--duration", durationLimitSeconds),
    ]
    for case let (name, seconds?) in options where (seconds * grid.framesPerSecond).rounded() < 1 {
      throw PackagingError.invalidOption(
        name,
        "\(SourceTiming.format(seconds, decimals: 6)) s rounds to 0 frames at \(SourceTiming.format(grid.framesPerSecond, decimals: 3)) fps (one frame is \(SourceTiming.format(frameSeconds, decimals: 4)) s; the least accepted is half of it)"
      )
    }
  }

  /// Checks the numeric options; throws `PackagingError.invalidOption` naming the option.
  public func validate() throws {
    func positive(_ value: Double, _ name: String) throws {
      guard value.isFinite, value > 0 else {
        throw PackagingError.invalidOption(
          name, "must be a positive number of seconds, got \(value)")
      }
      guard value <= Self.longestSeconds else {
        throw PackagingError.invalidOption(
          name, "must be at most \(Int(Self.longestSeconds)) seconds, got \(value)")
      }
    }
    try positive(gopSeconds, "--gop")
    try positive(segmentDurationSeconds, "--segment-duration")
    if let durationLimitSeconds { try positive(durationLimitSeconds, "--duration") }
    if let frameLimit, frameLimit <= 0 {
      throw PackagingError.invalidOption(
        "--frames", "must be a positive number of frames, got \(frameLimit)")
    }
    guard (0...51).contains(initQP) else {
      throw PackagingError.invalidOption("--init-qp", "must be between 0 and 51, got \(initQP)")
    }
    guard initIntervalFrames > 0 else {
      throw PackagingError.invalidOption(
        "--init-interval", "must be a positive number of frames, got \(initIntervalFrames)")
    }
    guard (0...64).contains(encoderThreadCount) else {
      throw PackagingError.invalidOption(
        "--threads", "must be between 0 and 64, got \(encoderThreadCount)")
    }
    try audio.validate()
    guard Self.presets.contains(preset) else {
      throw PackagingError.invalidOption(
        "--preset",
        "unknown x264 preset '\(preset)' (one of \(Self.presets.joined(separator: ", ")))")
    }
  }
}
