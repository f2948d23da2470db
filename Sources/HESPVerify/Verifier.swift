import Foundation
import HESPCore
import HESPFFmpeg
import HESPMP4

/// `hesp verify`: box conformance of every file of a package, then the decode check of the
/// selected splices (DESIGN.md §3). Never throws on bad input: every problem becomes a finding
/// naming the file and byte offset, and `passed` is false.
public enum Verifier {
  /// Runs every check, up to `options.concurrentTrackCount` at a time (`concurrentMap`);
  /// `progress` (from the checking tasks, at most twice a second) follows the splice decodes.
  public static func run(
    _ options: VerifyOptions, progress: (@Sendable (VerifyProgress) -> Void)? = nil
  ) async -> VerifyReport {
    FFmpegLog.silent()
    DecoderErrorLog.install()
    let root = URL(fileURLWithPath: options.packagePath)
    var findings = FindingList()
    var tracks: [VerifyReport.Track] = []
    var audio: VerifyReport.AudioTrack?
    if let contents = PackageContents.load(root, findings: &findings) {
      ManifestCheck.run(contents, findings: &findings)
      audio = AudioCheck.run(contents, findings: &findings)
      ManifestClaims.run(contents, findings: &findings)
      IndexClaims.run(contents, findings: &findings)
      FallbackCheck.run(contents, findings: &findings)
      var checked = options
      if let path = options.sourcePath,
        let problem = sourceProblem(path, package: options.packagePath, contents: contents)
      {
        findings.add(path, 0, problem)
        checked.sourcePath = nil
      }
      let options = checked
      let unknown = options.trackIds.filter { id in
        !contents.frameIndex.tracks.contains { $0.id == id }
      }
      for id in unknown {
        findings.add(PackageLayout.frameIndex, 0, "--track \(id): no such track")
      }
      let selected = contents.frameIndex.tracks.filter {
        options.trackIds.isEmpty || options.trackIds.contains($0.id)
      }
      let expected = selected.reduce(0) { total, track in
        total + VerifyOptions.select(options.splices, from: initPacketFrames(track, contents)).count
      }
      let counter = VerifyProgressCounter(total: expected) { progress?($0) }
      let workers = max(1, options.concurrentTrackCount)
      let prepared = await selected.concurrentMap(maxConcurrency: workers) { track in
        prepare(track, contents: contents, options: options, counter: counter)
      }
      // Splice decodes in units of one GOP (of a whole track with --source, which is read front
      // to back), the biggest first, spread over the tasks.
      let units: [(track: Int, gops: [SpliceCheck.GOP])] = prepared.enumerated().flatMap {
        position, track -> [(track: Int, gops: [SpliceCheck.GOP])] in
        guard let splices = track.splices else { return [] }
        return splices.source != nil
          ? [(position, track.gops)] : track.gops.map { (position, [$0]) }
      }
      func cost(_ unit: (track: Int, gops: [SpliceCheck.GOP])) -> Int {
        unit.gops.reduce(0) { $0 + $1.frames.count * ($1.end - $1.start) }
      }
      let order = units.indices.sorted { cost(units[$0]) > cost(units[$1]) }
      let outcomes = await order.concurrentMap(maxConcurrency: workers) { unit in
        (unit, prepared[units[unit].track].splices?.run(units[unit].gops) ?? .init())
      }.sorted { $0.0 < $1.0 }.map(\.1)
      counter.finish()
      // A wrong --source shows in every track: said once, naming both.
      if let path = options.sourcePath,
        let mismatch = outcomes.lazy.compactMap(\.sourceMismatch).first
      {
        findings.add(path, 0, "does not match the package \(options.packagePath): \(mismatch)")
      }
      for (position, var track) in prepared.enumerated() {
        var splices: [VerifyReport.Splice] = []
        for (unit, outcome) in zip(units, outcomes) where unit.track == position {
          splices += outcome.splices
          track.findings.append(outcome.findings)
        }
        summarize(splices, into: &track.report)
        tracks.append(track.report)
        findings.append(track.findings)
      }
    }
    return VerifyReport(
      formatVersion: VerifyReport.currentFormatVersion, package: options.packagePath,
      passed: findings.isEmpty,
      strict: options.strict, frameNumGapsAllowed: options.allowsFrameNumGaps ? true : nil,
      spliceSelection: describe(options.splices), findings: findings.findings, tracks: tracks,
      audio: audio)
  }

  /// Frames that have an init packet: listed with a byte count, or due by the init interval.
  static func initPacketFrames(_ track: FrameIndex.Track, _ contents: PackageContents) -> [Int] {
    let interval = max(1, contents.frameIndex.initializationIntervalFrames)
    return track.frames.indices.filter {
      track.frames[$0].initPacketByteCount > 0 || $0 % interval == 0
    }
  }

  private static func describe(_ selection: VerifyOptions.SpliceSelection) -> String {
    switch selection {
    case .all: return "all"
    case .none: return "none"
    case .sample(let count): return String(count)
    }
  }

  /// One track after its box checks, with the GOPs whose splices are to be decoded.
  struct PreparedTrack: Sendable {
    var report: VerifyReport.Track
    var findings: FindingList
    /// nil when the track's header is unreadable.
    var splices: SpliceCheck?
    var gops: [SpliceCheck.GOP] = []
  }

  /// Boxes of one track, then the plan of its splice decodes.
  static func prepare(
    _ track: FrameIndex.Track, contents: PackageContents, options: VerifyOptions,
    counter: VerifyProgressCounter? = nil
  ) -> PreparedTrack {
    var findings = FindingList()
    let directory = PackageLayout.videoFolder(track.id)
    var report = VerifyReport.Track(
      id: track.id, frameCount: track.frames.count, segmentCount: track.segments.count,
      initPacketCount: 0,
      ownHeaderInitPacketCount: 0, initSampleMeanByteCount: 0, keyframeSampleMeanByteCount: 0,
      splicesChecked: 0,
      decodeFailures: 0, framesCompared: 0, exactFrameCount: 0, driftPSNRYMeanDecibels: nil,
      driftPSNRYMinDecibels: nil, frameNumGapSplices: 0, psnrYLossVsSourceDecibels: nil, splices: []
    )
    guard
      let (header, headerBytes) = ContinuationCheck.header(
        contents, track, directory: directory, findings: &findings)
    else { return PreparedTrack(report: report, findings: findings, splices: nil) }
    IndexClaims.pictureSize(track, header: header, contents: contents, findings: &findings)
    let (continuation, damaged) = ContinuationCheck.segments(
      contents, track, directory: directory, header: header, findings: &findings)
    // A segment that cannot be read is one finding, naming the init packets whose splice (from
    // the GOP's keyframe to the next, by the frame index) needs it; those splices are skipped.
    let keyframes = track.frames.indices.filter { track.frames[$0].isKeyframe }
    func needs(_ frame: Int) -> Range<Int> {
      (keyframes.last { $0 <= frame } ?? 0)..<max(
        keyframes.first { $0 > frame } ?? track.frames.count, frame + 1)
    }
    let allInitFrames = initPacketFrames(track, contents)
    for segment in damaged {
      let readers = allInitFrames.filter { needs($0).overlaps(segment.frames) }
      let note =
        readers.isEmpty
        ? ""
        : "; the splices of init packet\(readers.count == 1 ? "" : "s") \(listing(readers)) need it and are not decoded"
      findings.add(segment.file, segment.byteOffset, segment.message + note)
    }
    func readable(_ frame: Int) -> Bool { !damaged.contains { needs(frame).overlaps($0.frames) } }
    var packets: [Int: TrackMedia.InitPacket] = [:]
    for frame in initPacketFrames(track, contents) {
      if let packet = InitPacketCheck.run(
        frame: frame, file: directory + PackageLayout.initPacket(frame), track: track,
        contents: contents,
        headerBytes: headerBytes, continuation: continuation, findings: &findings)
      {
        packets[frame] = packet
      }
    }
    report.initPacketCount = packets.count
    report.ownHeaderInitPacketCount = packets.values.filter { !$0.sharesHeader }.count
    report.initSampleMeanByteCount = mean(packets.values.map(\.data.count))
    report.keyframeSampleMeanByteCount = mean(
      continuation.compactMap { $0 }.filter(\.isSync).map(\.data.count))
    let media = TrackMedia(
      id: track.id, directory: directory, timescale: contents.frameIndex.timescale,
      frameDurationTicks: contents.frameIndex.frameDurationTicks,
      decoderConfigurationRecord: header.sampleEntry.decoderConfigurationRecord,
      configuration: header.sampleEntry.avc,
      continuation: continuation, initPackets: packets,
      recordedPSNRYDecibels: track.frames.map(\.psnrYDecibels),
      recordedInitSquaredErrorSums: track.frames.map(\.initSquaredErrorSum))
    let chosen = VerifyOptions.select(options.splices, from: packets.keys.sorted()).filter(readable)
    var source: SourcePictures?
    if let path = options.sourcePath, !chosen.isEmpty {
      do {
        source = try SourcePictures(path: path, width: track.width, height: track.height)
      } catch {
        findings.add(path, 0, "--source: cannot decode: \(error)")
      }
    }
    var splices = SpliceCheck(
      media: media, strict: options.strict, source: source, counter: counter)
    splices.allowsFrameNumGaps = options.allowsFrameNumGaps
    let (gops, gopFindings) = splices.gops(for: chosen)
    findings.append(gopFindings)
    return PreparedTrack(report: report, findings: findings, splices: splices, gops: gops)
  }

  static func summarize(_ splices: [VerifyReport.Splice], into report: inout VerifyReport.Track) {
    report.splices = splices
    report.splicesChecked = splices.count
    report.decodeFailures = splices.filter { !$0.decodeErrors.isEmpty }.count
    report.frameNumGapSplices = splices.filter { $0.frameNumGapAtFrame != nil }.count
    let all = splices.flatMap(\.psnrYDecibels)
    report.framesCompared = all.count
    report.exactFrameCount = splices.reduce(0) { $0 + $1.exactFrameCount }
    let squaredErrors = all.map { psnr in psnr.map { 255 * 255 / pow(10, $0 / 10) } ?? 0 }
    report.driftPSNRYMeanDecibels =
      all.isEmpty
      ? nil
      : PictureComparison.rounded(
        PictureComparison.psnr(squaredErrors.reduce(0, +) / Double(all.count)))
    report.driftPSNRYMinDecibels = all.compactMap { $0 }.min()
    let measured = splices.filter {
      $0.psnrYVsSourceDecibels != nil && $0.continuationPSNRYVsSourceDecibels != nil
    }
    if !measured.isEmpty {
      func meanSquaredError(_ value: (VerifyReport.Splice) -> Double?) -> Double {
        let total = measured.reduce(0.0) {
          $0 + Double($1.frameCount) * 255 * 255 / pow(10, (value($1) ?? 0) / 10)
        }
        return total / Double(measured.reduce(0) { $0 + $1.frameCount })
      }
      let spliced = PictureComparison.psnr(meanSquaredError(\.psnrYVsSourceDecibels))
      let continuation = PictureComparison.psnr(
        meanSquaredError(\.continuationPSNRYVsSourceDecibels))
      if let spliced, let continuation {
        report.psnrYLossVsSourceDecibels = PictureComparison.rounded(spliced - continuation)
      }
    }
  }

  private static func mean(_ values: [Int]) -> Int {
    values.isEmpty ? 0 : Int((Double(values.reduce(0, +)) / Double(values.count)).rounded())
  }
}
