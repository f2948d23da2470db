import Foundation
import HESPCore
import HESPFFmpeg
import HESPPackager
import HESPServer
import Logging
import ServiceLifecycle
import Synchronization
import UnixSignals

/// `hesp live`'s one entry point: opens the input, builds the ladder's encoders, and publishes
/// every frame as it is encoded into a `LiveStore` (served by `hesp serve`'s routes with
/// `--serve`) and into growing files (`-o`), until `--duration`, SIGINT/SIGTERM or the input's end.
public enum Live {
  /// What the stream did, for the closing lines.
  public struct Summary: Sendable {
    public var statistics: LiveStatistics.Snapshot
    /// The committed output folder, when `-o` was given.
    public var outputPath: String?
  }

  /// Runs the stream. `onListening` gets the port once the server accepts connections; `log`
  /// gets one line per notable event (stderr). Throws `LiveError`, `OutputError`, `ServeError`.
  public static func run(
    _ options: LiveOptions, onListening: @escaping @Sendable (Int) async -> Void = { _ in },
    log: @escaping @Sendable (String) -> Void = { _ in }
  ) async throws -> Summary {
    try options.validate()
    FFmpegLog.silent()
    let input = try LiveInput(
      options.input, loop: options.loop, timeoutSeconds: options.inputTimeoutSeconds)
    let grid = FrameGrid(
      frameRateNumerator: input.frameRateNumerator, frameRateDenominator: input.frameRateDenominator
    )
    let ladder =
      options.ladder ?? EncodingLadder.derived(sourceWidth: input.width, sourceHeight: input.height)
    do {
      try ladder.validate(sourceWidth: input.width, sourceHeight: input.height)
    } catch let error as LadderError {
      throw LiveError.invalidOption("--ladder", error.description)
    }
    let frameSeconds = grid.seconds(ofFrames: 1)
    let segmentFrames = grid.frames(inSeconds: options.segmentDurationSeconds)
    let queueCapacity = max(2, Int((options.maximumQueueSeconds / frameSeconds).rounded()))
    let placeholder = URL(fileURLWithPath: "/")
    let plans = zip(ladder.renditions, ladder.trackIds).map { rendition, id in
      TrackPlan(
        id: id,
        width: rendition.resolvedWidth(sourceWidth: input.width, sourceHeight: input.height),
        height: rendition.height, targetBitsPerSecond: rendition.targetBitsPerSecond, grid: grid,
        gopFrames: grid.frames(inSeconds: options.gopSeconds), segmentFrames: segmentFrames,
        initIntervalFrames: options.initIntervalFrames, initQP: options.initQP, initLossless: false,
        spliceSafeFrameNum: true, preset: options.preset,
        encoderThreadCount: options.encoderThreadCount,
        directory: placeholder)
    }
    // The store decides demand; it exists before the rungs ask it.
    let storeBox = StoreBox()
    let interval = options.initIntervalFrames
    let demand = Duration.seconds(options.demandSeconds)
    let rungs = try plans.enumerated().map { index, plan in
      try LiveRung(index: index, plan: plan, queueCapacity: queueCapacity) { frame in
        guard frame % interval == 0 else { return false }
        guard options.initOnDemand, let store = storeBox.store else { return true }
        return store.isInDemand(track: index, within: demand)
      }
    }
    let store = LiveStore(
      name: options.name,
      configuration: LiveStore.Configuration(
        tracks: rungs.map { rung in
          LiveStore.Track(
            id: rung.plan.id, width: rung.plan.width, height: rung.plan.height,
            bandwidth: rung.plan.targetBitsPerSecond,
            codecs: rung.bytes.codecs, header: rung.header)
        },
        frameRateNumerator: grid.frameRateNumerator,
        frameRateDenominator: grid.frameRateDenominator,
        timescale: grid.timescale, frameDurationTicks: grid.frameDurationTicks,
        segmentFrames: segmentFrames,
        windowFrames: grid.frames(inSeconds: options.windowSeconds), initIntervalFrames: interval,
        initOnDemand: options.initOnDemand))
    storeBox.store = store
    let statistics = LiveStatistics(trackIds: plans.map(\.id), frameSeconds: frameSeconds)
    store.setStatistics { statistics.json() }
    let disk = try options.outputPath.map {
      try LiveDiskWriter(
        path: $0, input: options.input, force: options.force, plans: plans,
        codecs: rungs.map(\.bytes.codecs), headers: rungs.map(\.header))
    }
    let publisher = LivePublisher(
      input: input, rungs: rungs,
      publication: LivePublication(store: store, disk: disk, statistics: statistics),
      frameSeconds: frameSeconds,
      frameLimit: options.durationSeconds.map { grid.frames(inSeconds: $0) })
    log(
      "\(input.width)x\(input.height) at \(format(grid.framesPerSecond)) fps -> "
        + plans.map { "\($0.id) (\($0.width)x\($0.height), \($0.targetBitsPerSecond / 1000) kb/s)" }
        .joined(separator: ", ")
        + ", preset \(options.preset)"
        + (options.initOnDemand
          ? ", init on demand" : interval > 1 ? ", init every \(interval) frames" : ""))
    do {
      if options.serve {
        var serve = ServeOptions(packages: [], host: options.host, port: options.port)
        serve.accessLog = options.accessLog ? .standardError : nil
        serve.fastPath = true
        try await HESPServer.run(
          stores: [store], options: serve, companions: [publisher], onListening: onListening)
      } else {
        var configuration = ServiceGroupConfiguration(
          services: [
            .init(service: publisher, successTerminationBehavior: .gracefullyShutdownGroup)
          ], gracefulShutdownSignals: [.sigterm, .sigint],
          logger: .init(label: "hesp-live"))
        configuration.maximumCancellationDuration = .seconds(5)
        try await ServiceGroup(configuration: configuration).run()
      }
    } catch {
      disk?.discard()
      if let failure = publisher.failure { throw failure }
      throw error
    }
    if let failure = publisher.failure {
      disk?.discard()
      throw failure
    }
    let snapshot = statistics.snapshot()
    let isStream: Bool = if case .url = input.kind { true } else { false }
    if let reason = publisher.inputEndReason,
      options.durationSeconds != nil || reason != "end of input" || isStream
    {
      // Stopped before --duration, or a stream (URL) that closed: the stream ended cleanly,
      // then fail. A file or a lavfi graph without --duration just ends.
      try? disk?.commit(manifest: store.liveManifest())
      throw LiveError.inputEnded(
        input: options.input, afterSeconds: Double(snapshot.framesOffered) * frameSeconds,
        reason: reason)
    }
    try disk?.commit(manifest: store.liveManifest())
    return Summary(statistics: snapshot, outputPath: options.outputPath)
  }

  static func format(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(format: "%.3f", value)
  }
}

/// The store, set once it exists, for the rungs' demand check (read from their threads).
final class StoreBox: Sendable {
  private let value = Mutex<LiveStore?>(nil)
  var store: LiveStore? {
    get { value.withLock { $0 } }
    set { value.withLock { $0 = newValue } }
  }
}
