import Foundation
import HESPCore
import HESPFFmpeg
import HESPMP4

/// The packaged audio track (`audio/<id>/`): how it was made and what was written, and its
/// entries in the manifest, the frame index and the report.
struct AudioOutcome {
  var id: String
  var language: String
  var sampleRate: Int
  var channelCount: Int
  var samplesPerFrame: Int
  /// nil when passed through; otherwise why it was encoded.
  var encodedBecause: String?
  var source: AudioStreamInfo
  /// How far the first sample was moved from where the source has it (passed through).
  var offsetSeconds: Double
  var bitsPerSecondTarget: Int?
  var timeline: AudioTimeline
  var files: AudioTrackWriter.Result

  /// Packages `audio` onto the video's timeline (first video frame at `videoStartSeconds` in
  /// the source) into `output/audio/<id>/`.
  static func package(
    _ audio: SourceAudio, videoStartSeconds: Double, grid: FrameGrid, frameCount: Int,
    segmentFrames: Int, output: OutputFolder
  ) throws -> AudioOutcome {
    let videoSeconds = grid.seconds(ofFrames: frameCount)
    let plan = try audio.plan(
      videoStartSeconds: videoStartSeconds, videoSeconds: videoSeconds,
      frameSeconds: grid.seconds(ofFrames: 1))
    let info = audio.info
    let language =
      info.language.flatMap { code in
        code.count == 3 && code.allSatisfy { $0.isASCII && $0.isLowercase } ? code : nil
      } ?? "und"
    switch plan {
    case .passThrough(let range, let offset, let bitsPerSecond):
      let timeline = AudioTimeline(
        sampleRate: info.sampleRate, grid: grid, frameCount: frameCount,
        segmentFrames: segmentFrames)
      let id = "\((bitsPerSecond + 500) / 1000)k"
      let writer = AudioTrackWriter(
        directory: try output.makeDirectory(PackageLayout.audioFolder(id)), timeline: timeline)
      let input = try audio.reopen()
      var ordinal = -1
      var time = 0
      let fallback = info.frameSize > 0 ? info.frameSize : 1024
      do {
        while time < timeline.totalSamples, let packet = try input.readPacket() {
          ordinal += 1
          if ordinal < range.lowerBound { continue }
          if ordinal > range.upperBound { break }
          let samples = Int(
            (Double(packet.duration) * Double(info.timeBaseNumerator) * Double(info.sampleRate)
              / Double(info.timeBaseDenominator)).rounded())
          let duration = min(samples > 0 ? samples : fallback, timeline.totalSamples - time)
          try writer.add(packet.bytes, durationTicks: duration)
          time += duration
        }
      } catch let error as FFmpegError {
        throw PackagingError.audioStream(
          path: audio.path, stream: info.streamIndex, reason: error.description)
      }
      let files = try writer.finish(
        AudioTrackDescription(
          timescale: UInt32(info.sampleRate), sampleRate: info.sampleRate,
          channelCount: info.channelCount, audioSpecificConfig: info.extradata, language: language))
      return AudioOutcome(
        id: id, language: language, sampleRate: info.sampleRate, channelCount: info.channelCount,
        samplesPerFrame: fallback, encodedBecause: nil, source: info, offsetSeconds: offset,
        bitsPerSecondTarget: nil, timeline: timeline, files: files)
    case .encode(let reason):
      let options = audio.options
      let timeline = AudioTimeline(
        sampleRate: options.sampleRate, grid: grid, frameCount: frameCount,
        segmentFrames: segmentFrames)
      let id = "\((options.bitsPerSecond + 500) / 1000)k"
      let writer = AudioTrackWriter(
        directory: try output.makeDirectory(PackageLayout.audioFolder(id)), timeline: timeline)
      let transcoder = AudioTranscoder(
        source: audio, videoStartSeconds: videoStartSeconds, totalSamples: timeline.totalSamples)
      let config = try transcoder.run { try writer.add($0, durationTicks: $1) }
      let files = try writer.finish(
        AudioTrackDescription(
          timescale: UInt32(options.sampleRate), sampleRate: options.sampleRate,
          channelCount: options.channelCount, audioSpecificConfig: config, language: language))
      return AudioOutcome(
        id: id, language: language, sampleRate: options.sampleRate,
        channelCount: options.channelCount, samplesPerFrame: 1024, encodedBecause: reason,
        source: info, offsetSeconds: 0, bitsPerSecondTarget: options.bitsPerSecond,
        timeline: timeline, files: files)
    }
  }

  func indexTrack() -> FrameIndex.AudioTrack {
    FrameIndex.AudioTrack(
      id: id, codecs: files.codecs, sampleRate: sampleRate, channelCount: channelCount,
      timescale: sampleRate, averageBitsPerSecond: files.averageBitsPerSecond,
      peakBitsPerSecond: files.peakBitsPerSecond, headerByteCount: files.headerByteCount,
      frames: files.frames, segments: files.segments)
  }

  /// The audio Switching Set `"audio"` with this one Track, segments as long as the video's.
  func switchingSet(segmentDuration: Manifest.ScaledValue) -> Manifest.AudioSwitchingSet {
    let track = Manifest.AudioTrack(
      bandwidth: files.peakBitsPerSecond, id: id,
      segments: files.segments.map { Manifest.SegmentReference(id: $0.id) },
      averageBandwidth: files.averageBitsPerSecond, baseUrl: PackageLayout.audioFolder(id),
      channels: channelCount, codecs: files.codecs, sampleRate: sampleRate,
      samplesPerFrame: samplesPerFrame, segmentDuration: segmentDuration, startSegmentId: 0,
      startSequenceNumber: 0)
    return Manifest.AudioSwitchingSet(
      id: "audio", language: language, tracks: [track], channels: channelCount,
      codecs: files.codecs, continuationPattern: PackageDocuments.continuationPattern,
      initializationPattern: PackageDocuments.initializationPattern, mimeType: "audio/mp4",
      sampleRate: sampleRate, samplesPerFrame: samplesPerFrame)
  }

  func report() -> PackagingReport.Audio {
    PackagingReport.Audio(
      id: id, codecs: files.codecs, handling: encodedBecause == nil ? "passedThrough" : "encoded",
      encodedBecause: encodedBecause, sourceStream: source.streamIndex,
      sourceCodec: source.codecName, sourceSampleRate: source.sampleRate,
      sourceChannelCount: source.channelCount, sampleRate: sampleRate, channelCount: channelCount,
      language: language, targetBitsPerSecond: bitsPerSecondTarget,
      averageBitsPerSecond: files.averageBitsPerSecond, peakBitsPerSecond: files.peakBitsPerSecond,
      frameCount: files.frames.count, segmentCount: files.segments.count,
      startShiftMilliseconds: TrackOutcome.round3(offsetSeconds * 1000),
      durationSeconds: TrackOutcome.round3(
        Double(files.frames.reduce(0) { $0 + $1.durationTicks }) / Double(sampleRate)))
  }
}
