import Foundation
import HESPCore
import HESPFFmpeg

/// `hesp package`: decodes the source once and packages every rung of the ladder concurrently
/// into an HESP package (DESIGN.md §2). Output appears atomically at `options.outputPath`.
public enum Packager {
  /// Packages `options.inputPath`. Throws `PackagingError` (one-line, naming the file or
  /// option) and leaves no output behind on failure. `note` receives one line per stale
  /// partial output found beside OUT; `beforeCommit` may add to the staged package (its URL)
  /// before it is moved in place.
  public static func run(
    _ options: PackagingOptions,
    progress: @escaping @Sendable (PackagingProgress) -> Void = { _ in },
    note: (String) -> Void = { _ in },
    beforeCommit: (URL) throws -> Void = { _ in }
  ) throws -> PackagingReport {
    do {
      return try package(options, note: note, beforeCommit: beforeCommit, progress: progress)
    } catch let error as OutputError {
      throw PackagingError.output(error)
    }
  }

  private static func package(
    _ options: PackagingOptions, note: (String) -> Void, beforeCommit: (URL) throws -> Void,
    progress: @escaping @Sendable (PackagingProgress) -> Void
  ) throws -> PackagingReport {
    let clock = ContinuousClock()
    let started = clock.now
    let cpuStart = processCPUSeconds()
    FFmpegLog.silent()
    try options.validate()
    let source = try SourceVideo(
      path: options.inputPath, forcedTopFieldFirst: options.forcedTopFieldFirst)
    let info = source.info
    let grid = FrameGrid(
      frameRateNumerator: info.frameRateNumerator, frameRateDenominator: info.frameRateDenominator)
    try options.validate(grid: grid)
    let audioSource = try SourceAudio.open(
      path: options.inputPath, videoStreamIndex: source.file.videoStreamIndex,
      options: options.audio)
    try audioSource?.validate(
      segmentSeconds: grid.seconds(ofFrames: grid.frames(inSeconds: options.segmentDurationSeconds))
    )
    // The ladder follows the picture as shown: pixel aspect ratio and rotation applied.
    let shownWidth = source.treatment.displayWidth
    let shownHeight = source.treatment.displayHeight
    let ladder =
      options.ladder ?? EncodingLadder.derived(sourceWidth: shownWidth, sourceHeight: shownHeight)
    do {
      try ladder.validate(sourceWidth: shownWidth, sourceHeight: shownHeight)
    } catch let error as LadderError {
      throw PackagingError.invalidOption("--ladder", error.description)
    }
    let frameLimit = [
      options.frameLimit, options.durationLimitSeconds.map { grid.frames(inSeconds: $0) },
    ]
    .compactMap { $0 }.min()
    let output = try OutputFolder(
      path: options.outputPath, command: "package", inputs: [options.inputPath],
      force: options.force)
    output.notes.forEach(note)
    let gopFrames = grid.frames(inSeconds: options.gopSeconds)
    let segmentFrames = grid.frames(inSeconds: options.segmentDurationSeconds)
    let plans = try zip(ladder.renditions, ladder.trackIds).map { rendition, id in
      let width = rendition.resolvedWidth(sourceWidth: shownWidth, sourceHeight: shownHeight)
      let aspect = TrackPlan.pixelAspect(
        width: width, height: rendition.height, displayWidth: shownWidth,
        displayHeight: shownHeight)
      return TrackPlan(
        id: id, width: width,
        height: rendition.height, targetBitsPerSecond: rendition.targetBitsPerSecond,
        pixelAspectWidth: aspect.0, pixelAspectHeight: aspect.1,
        colour: source.treatment.outputColour, grid: grid,
        gopFrames: gopFrames, segmentFrames: segmentFrames,
        initIntervalFrames: options.initIntervalFrames,
        initQP: options.initQP, initLossless: options.initLossless,
        spliceSafeFrameNum: options.spliceSafeFrameNum, preset: options.preset,
        encoderThreadCount: options.encoderThreadCount,
        directory: try output.makeDirectory(PackageLayout.videoFolder(id)))
    }
    let expected = [frameLimit, info.announcedFrameCount].compactMap { $0 }.min()
    let counter = ProgressCounter(tracks: plans.count, total: expected, report: progress)
    let outcomes = try encode(
      source: source, plans: plans, frameLimit: frameLimit, counter: counter)
    counter.finish()

    let frameCount = outcomes.first?.frameCount ?? 0
    let audio = try audioSource.map {
      try AudioOutcome.package(
        $0, videoStartSeconds: (source.presentationSeconds.first ?? nil) ?? 0, grid: grid,
        frameCount: frameCount, segmentFrames: segmentFrames, output: output)
    }
    let streamsNotPackaged = SourceAudio.streamsLeftOut(
      info.otherStreamCounts, audioPackaged: audio != nil)
    let timing = SourceTiming.measure(
      seconds: Array(source.presentationSeconds.prefix(frameCount)), grid: grid,
      containerRate: (info.frameRateNumerator, info.frameRateDenominator))
    var warnings =
      Self.warnings(
        options: options, source: source, streamsNotPackaged: streamsNotPackaged, timing: timing,
        frameCount: frameCount, grid: grid)
      + outcomes.compactMap { $0.offTargetWarning() }
    var documentsDraft = PackageDocuments(
      outcomes: outcomes, grid: grid, frameCount: frameCount, gopFrames: gopFrames,
      segmentFrames: segmentFrames,
      initIntervalFrames: options.initIntervalFrames,
      creationDate: creationDate(of: options.inputPath))
    documentsDraft.audio = audio
    let documents = documentsDraft
    if !documents.producedRatesAscend {
      warnings.append(
        PackagingWarning(
          code: "sabreBitratesNominal",
          message:
            "the produced average rates (\(outcomes.map { String($0.averageBitsPerSecond() / 1000) }.joined(separator: ", ")) kb/s) do not ascend with the targets: sabre-movie.json states the targets"
        ))
    }
    try output.write(Data(PackageDocuments.json(documents.manifest())), to: PackageLayout.manifest)
    try output.write(
      Data(PackageDocuments.json(documents.frameIndex())), to: PackageLayout.frameIndex)
    try output.write(
      Data(PackageDocuments.json(documents.sabreMovie())), to: PackageLayout.sabreMovie)
    // DASH and HLS over the same files, when every segment starts with a keyframe.
    let fallback = FallbackContent(documents)?.files() ?? []
    for file in fallback { try output.write(Data(file.text.utf8), to: file.path) }
    let elapsed = clock.now - started
    let wallSeconds =
      Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let durationSeconds = grid.seconds(ofFrames: frameCount)
    let report = PackagingReport(
      source: .init(
        path: options.inputPath, codec: info.codecName, width: info.width, height: info.height,
        pixelFormat: info.pixelFormatName,
        framesPerSecond: TrackOutcome.round3(grid.framesPerSecond),
        streamsNotPackaged: streamsNotPackaged,
        framesHiddenByEditList: source.discardedPackets, timing: timing,
        properties: source.treatment.properties),
      settings: .init(
        ladder: ladder.renditions.map(\.description), gopFrames: gopFrames,
        segmentFrames: segmentFrames,
        initQP: options.initLossless ? nil : options.initQP, initLossless: options.initLossless,
        initIntervalFrames: options.initIntervalFrames,
        spliceSafeFrameNum: options.spliceSafeFrameNum, preset: options.preset,
        continuationX264Parameters: PackagingOptions.continuationX264Parameters,
        initX264Parameters: PackagingOptions.continuationX264Parameters + ":ipratio=1",
        timescale: grid.timescale, frameDurationTicks: grid.frameDurationTicks),
      warnings: warnings, frameCount: frameCount, durationSeconds: durationSeconds,
      tracks: outcomes.map { $0.reportTrack() },
      wallSeconds: TrackOutcome.round3(wallSeconds),
      cpuSeconds: TrackOutcome.round3(processCPUSeconds() - cpuStart),
      speedTimesRealTime: wallSeconds > 0 ? TrackOutcome.round3(durationSeconds / wallSeconds) : 0,
      audio: audio?.report(), fallbackManifests: fallback.map(\.path))
    try output.write(Data(PackageDocuments.json(report)), to: PackageLayout.report)
    try beforeCommit(output.stagingURL)
    try output.commit()
    return report
  }

  /// Everything packaging changed or left out, in a fixed order.
  static func warnings(
    options: PackagingOptions, source: SourceVideo, streamsNotPackaged: [String: Int],
    timing: SourceTiming, frameCount: Int, grid: FrameGrid
  ) -> [PackagingWarning] {
    let info = source.info
    var warnings = PackagingWarning.streamsNotPackaged(
      streamsNotPackaged,
      audioReason: options.audio.enabled ? "one audio stream is packaged" : "--no-audio")
    warnings += source.treatment.warnings
    let tick = Double(info.timeBaseNumerator) / Double(info.timeBaseDenominator)
    if let retimed = timing.warning(sourceTickSeconds: tick) { warnings.append(retimed) }
    if let change = source.resolutionChange, change.frame < frameCount {
      warnings.append(.resolutionChange(change))
    }
    if let beyond = PackagingWarning.limitBeyondSource(
      frameLimit: options.frameLimit, durationLimitSeconds: options.durationLimitSeconds,
      frameCount: frameCount, grid: grid)
    {
      warnings.append(beyond)
    }
    return warnings
  }

  /// Decodes the source on this thread and feeds every rendition worker.
  private static func encode(
    source: SourceVideo, plans: [TrackPlan], frameLimit: Int?, counter: ProgressCounter
  ) throws -> [TrackOutcome] {
    let workers = plans.enumerated().map { index, plan in
      RenditionWorker(plan: plan) { counter.update(track: index, framesDone: $0) }
    }
    var decodeError: (any Error)?
    do {
      var frames = 0
      decoding: while frameLimit.map({ frames < $0 }) ?? true, let frame = try source.nextFrame() {
        frames += 1
        for worker in workers where !worker.queue.push(frame) { break decoding }
      }
    } catch {
      decodeError = error
    }
    for worker in workers {
      if decodeError != nil { worker.queue.cancel() } else { worker.queue.close() }
    }
    let results = workers.map { $0.wait() }
    if let decodeError { throw decodeError }
    return try results.map { try $0.get() }
  }

  /// `creationDate` is the source file's modification time (or `SOURCE_DATE_EPOCH`), so the
  /// same input gives a byte-identical manifest.
  static func creationDate(of path: String) -> Date {
    if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"],
      let seconds = Double(epoch)
    {
      return Date(timeIntervalSince1970: seconds)
    }
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    let date = (attributes?[.modificationDate] as? Date) ?? Date(timeIntervalSince1970: 0)
    return Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
  }

  /// User + system CPU time of this process so far (`HESPCore.ProcessCPUTime`).
  static func processCPUSeconds() -> Double { ProcessCPUTime.seconds() }
}
