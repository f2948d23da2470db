import ArgumentParser
import Foundation
import HESPCommandLine
import HESPCore
import HESPPackager

/// `hesp package INPUT -o OUT`: a video file to an HESP package (continuation + initialization
/// stream per rendition, manifest, frame index, Sabre movie, report).
struct PackageCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "package",
    abstract: MediaCommandAbstract.packageCommand,
    discussion: """
      Writes OUT/manifest.json, frame-index.json, sabre-movie.json, report.json and per track \
      video/<track>/header.mp4, init-<n>.m4s, content-<s>.m4s; the source's audio goes to \
      audio/<track>/ (AAC passed through, other codecs encoded to AAC-LC). When every segment \
      starts with a keyframe (GOP = segment) also manifest.mpd and master.m3u8 (DASH, HLS) over \
      the same files. The output appears only when complete (it is built in OUT.partial-* and \
      renamed). See docs/packaging.md.
      """)

  @Argument(help: "The video file to package (any container/codec FFmpeg decodes).")
  var input: String

  @Option(name: .shortAndLong, help: "Output directory (must not exist unless --force).")
  var output: String

  @Option(
    help:
      "Renditions, e.g. 720p@3000k,480p@1200k,360p@600k (default: derived from the source, never upscaling)."
  )
  var ladder: String?

  @Option(
    parsing: .unconditional, help: "Keyframe interval of the continuation streams, in seconds.")
  var gop: Double = 2

  @Option(parsing: .unconditional, help: "Continuation segment duration, in seconds.")
  var segmentDuration: Double = 2

  @Option(parsing: .unconditional, help: "Constant QP of the initialization stream.")
  var initQp: Int = 16

  @Flag(
    help:
      "Lossless init packets (QP 0 of the uncropped reconstruction): bit-exact splices, 5-7x larger."
  )
  var initLossless = false

  @Option(parsing: .unconditional, help: "One init packet every N frames.")
  var initInterval: Int = 1

  @Flag(
    inversion: .prefixedNo,
    help:
      "Every splice is conformant H.264 (the default): continuation P frames get frame_num 1 and memory_management_control_operation 5, so the frame after any init IDR has no frame_num gap. Pictures stay identical; under a byte per frame. --no-splice-safe-frame-num keeps x264's frame_num (splices then have a gap that strict decoders such as OpenH264 do not conceal)."
  )
  var spliceSafeFrameNum = true

  @Option(help: "x264 preset of both encoders.")
  var preset: String = "veryfast"

  @Option(parsing: .unconditional, help: "Package only the first N frames.")
  var frames: Int?

  @Option(parsing: .unconditional, help: "Package only the first seconds.")
  var duration: Double?

  @Option(
    help:
      "Threads per x264 encoder. 1 gives byte-identical output run after run (rungs still run concurrently); 0 = x264's choice, faster on one rung but not repeatable (x264's VBV depends on thread timing)."
  )
  var threads: Int = 1

  @Flag(
    help:
      "Replace OUT if hesp wrote it (it holds .hesp-output). Never replaces other folders, '.', a parent of the working directory or a folder holding the input."
  )
  var force = false

  @Flag(
    help:
      "Also write a conventional ladder into OUT/baseline for DASH/LL-HLS baselines: same rungs and rate control, GOP = segment duration."
  )
  var baseline = false

  @Option(
    help: ArgumentHelp(
      "Deinterlace (bwdif) every picture with this field order (tff or bff), even when the source does not flag interlacing: combed pictures in a progressive stream. Flagged sources are deinterlaced without it.",
      valueName: "tff|bff"))
  var deinterlace: String?

  @Flag(help: "Leave the audio out (the package is video only).")
  var noAudio = false

  @Option(help: "AAC-LC bitrate of an encoded audio track, e.g. 128k or 96000.")
  var audioBitrate: String = "128k"

  @Option(help: "Sample rate of an encoded audio track, Hz.")
  var audioSampleRate: Int = 48_000

  @Option(help: "Channels of an encoded audio track.")
  var audioChannels: Int = 2

  @Flag(help: "Encode an AAC source too instead of passing it through.")
  var audioEncode = false

  @Flag(help: "Print a machine-readable summary (report.json) on stdout.")
  var json = false

  @Flag(help: "No progress on stderr.")
  var quiet = false

  /// Errors reach the user through `CommandErrors` (an interruption's removal is waited for there).
  func run() throws {
    let ladder = try ladder.map { text in
      do { return try EncodingLadder(parsing: text) } catch let error as LadderError {
        throw PackagingError.invalidOption("--ladder", error.description)
      }
    }
    var options = PackagingOptions(
      inputPath: input, outputPath: output, ladder: ladder, gopSeconds: gop,
      segmentDurationSeconds: segmentDuration, initQP: initQp, initLossless: initLossless,
      initIntervalFrames: initInterval, spliceSafeFrameNum: spliceSafeFrameNum, preset: preset,
      frameLimit: frames,
      durationLimitSeconds: duration,
      force: force, encoderThreadCount: threads)
    switch deinterlace {
    case nil: options.forcedTopFieldFirst = nil
    case "tff": options.forcedTopFieldFirst = true
    case "bff": options.forcedTopFieldFirst = false
    case let other?:
      throw PackagingError.invalidOption("--deinterlace", "must be tff or bff, got '\(other)'")
    }
    options.audio = AudioOptions(
      enabled: !noAudio, bitsPerSecond: try Self.bitsPerSecond(audioBitrate),
      sampleRate: audioSampleRate, channelCount: audioChannels, alwaysEncode: audioEncode)
    let showProgress = !quiet
    let interruption = Interruption.install(command: "package")
    defer { for source in interruption { source.cancel() } }
    let show: @Sendable (PackagingProgress) -> Void = { if showProgress { ProgressLine.show($0) } }
    let report = try Packager.run(
      options, progress: show,
      note: { FileHandle.standardError.write(Data("hesp package: note: \($0)\n".utf8)) },
      beforeCommit: { staged in
        if showProgress { ProgressLine.end() }
        guard baseline else { return }
        // A second encode of the same source frames (the decode is deterministic),
        // keyframe-aligned with the segments, into the staged package: OUT appears with its
        // baseline or not at all.
        var conventional = options
        conventional.outputPath = staged.appendingPathComponent(PackageLayout.baseline).path
        conventional.gopSeconds = segmentDuration
        conventional.force = false
        _ = try Packager.run(conventional, progress: show)
      })
    if showProgress { ProgressLine.end() }
    for warning in report.warnings {  // also in report.json (`warnings`)
      FileHandle.standardError.write(Data("hesp package: warning: \(input): \(warning)\n".utf8))
    }
    if json {
      print(String(decoding: try CanonicalJSON.data(report), as: UTF8.self))
    } else {
      print(PackageSummaryTable.render(report, output: output))
    }
  }

  /// `128k`, `0.5M` or `96000` in bits per second.
  static func bitsPerSecond(_ text: String) throws -> Int {
    let lower = text.lowercased()
    let scale: Double = lower.hasSuffix("k") ? 1000 : lower.hasSuffix("m") ? 1_000_000 : 1
    let number = scale == 1 ? lower : String(lower.dropLast())
    guard let value = Double(number), value.isFinite, value > 0 else {
      throw PackagingError.invalidOption(
        "--audio-bitrate", "'\(text)' is not a bitrate (e.g. 128k, 96000)")
    }
    return Int((value * scale).rounded())
  }
}
