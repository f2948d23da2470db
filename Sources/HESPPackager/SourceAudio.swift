import Foundation
import HESPFFmpeg

/// The source's audio stream, opened when packaging starts so a stream that cannot be packaged
/// is refused before any encoding. AAC with an AudioSpecificConfig is passed through; any other
/// codec (or AAC that does not cover the video) is decoded and encoded to AAC-LC.
final class SourceAudio {
  let path: String
  let info: AudioStreamInfo
  let options: AudioOptions

  /// The best audio stream of `path`, or nil when there is none or `--no-audio` asked so.
  /// Throws `PackagingError.audioStream` when it would need a decoder FFmpeg cannot open.
  static func open(path: String, videoStreamIndex: Int, options: AudioOptions) throws
    -> SourceAudio?
  {
    guard options.enabled else { return nil }
    let input: AudioInput?
    do {
      input = try AudioInput.open(path: path, relatedVideoStream: videoStreamIndex)
    } catch let error as FFmpegError {
      throw PackagingError.inputCorrupt(path: path, reason: "audio: \(error.description)")
    }
    guard let input else { return nil }
    let audio = SourceAudio(path: path, info: input.info, options: options)
    if audio.passThroughReason != nil { try audio.checkDecoder(input) }
    return audio
  }

  private init(path: String, info: AudioStreamInfo, options: AudioOptions) {
    self.path = path
    self.info = info
    self.options = options
  }

  /// Why the stream is encoded rather than passed through; nil when it can be passed through.
  var passThroughReason: String? {
    if !info.isAAC { return "the source codec is \(info.codecName)" }
    if options.alwaysEncode { return "--audio-encode" }
    if info.extradata.isEmpty { return "the AAC stream has no AudioSpecificConfig (ADTS)" }
    if info.sampleRate <= 0 || info.channelCount <= 0 {
      return "the AAC stream gives no sample rate or channel count"
    }
    return nil
  }

  /// The longest AAC frame in seconds either way the stream may go (HE-AAC: 2048 samples).
  var longestFrameSeconds: Double {
    let passThrough = Double(max(info.frameSize, 1024)) / Double(max(info.sampleRate, 1))
    let encoded = 1024 / Double(options.sampleRate)
    return max(passThrough, encoded)
  }

  private func checkDecoder(_ input: AudioInput) throws {
    do {
      _ = try AudioDecoder(input: input)
    } catch let error as AudioDecoder.OpenError {
      switch error {
      case .noDecoder(let codec):
        let what =
          codec == "none" ? "does not know its codec" : "has no decoder for its codec '\(codec)'"
        throw PackagingError.audioStream(
          path: path, stream: info.streamIndex,
          reason:
            "FFmpeg \(what), so it cannot be encoded to AAC (--no-audio packages the video alone)")
      case .cannotOpen(let codec, let reason):
        throw PackagingError.audioStream(
          path: path, stream: info.streamIndex,
          reason:
            "the \(codec) decoder does not open (\(reason)) (--no-audio packages the video alone)")
      }
    }
  }

  /// Reopens the file at its audio stream.
  func reopen() throws -> AudioInput {
    do {
      guard
        let input = try AudioInput.open(
          path: path, relatedVideoStream: -1, streamIndex: info.streamIndex),
        input.info.streamIndex == info.streamIndex
      else { throw PackagingError.inputCorrupt(path: path, reason: "audio stream disappeared") }
      return input
    } catch let error as FFmpegError {
      throw PackagingError.inputCorrupt(path: path, reason: "audio: \(error.description)")
    }
  }

  /// Reads every packet's timing (not its bytes) and decides how the track is made.
  func plan(videoStartSeconds: Double, videoSeconds: Double, frameSeconds: Double) throws
    -> AudioPlan
  {
    if let reason = passThroughReason { return .encode(reason: reason) }
    var packets: [AudioPlan.PacketTiming] = []
    let input = try reopen()
    do {
      while let packet = try input.readPacket() {
        guard let pts = packet.presentationTime else {
          return .encode(reason: "the AAC stream has packets without timestamps")
        }
        packets.append(
          .init(
            startSeconds: info.seconds(pts) - videoStartSeconds,
            durationSeconds: info.seconds(packet.duration), byteCount: packet.bytes.count))
      }
    } catch let error as FFmpegError {
      throw PackagingError.audioStream(
        path: path, stream: info.streamIndex, reason: error.description)
    }
    return AudioPlan.passThroughOrEncode(
      packets, videoSeconds: videoSeconds, frameSeconds: frameSeconds)
  }
}

/// How the audio track is made, decided from the source packets' timing.
enum AudioPlan: Equatable {
  /// Source packets `range` (by order in the stream) are copied; the first one plays at 0,
  /// `offsetSeconds` away from where the source has it.
  case passThrough(range: ClosedRange<Int>, offsetSeconds: Double, bitsPerSecond: Int)
  case encode(reason: String)

  struct PacketTiming: Equatable {
    /// Start relative to the first video frame.
    var startSeconds: Double
    var durationSeconds: Double
    var byteCount: Int
  }

  /// Passes through when the packets cover the video to within one video frame at both ends:
  /// packets that end before the video starts (or mostly do: priming) and packets that start
  /// after it ends are left out; otherwise the track is encoded (silence fills the gaps).
  static func passThroughOrEncode(
    _ packets: [PacketTiming], videoSeconds: Double, frameSeconds: Double
  ) -> AudioPlan {
    guard
      let first = packets.firstIndex(where: { $0.startSeconds + $0.durationSeconds / 2 > 0 }),
      let last = packets.lastIndex(where: { $0.startSeconds < videoSeconds }), first <= last
    else { return .encode(reason: "the audio does not overlap the video") }
    let start = packets[first].startSeconds
    if start > frameSeconds {
      return .encode(reason: "the audio starts \(milliseconds(start)) after the video")
    }
    let end = packets[last].startSeconds + packets[last].durationSeconds
    if end < videoSeconds - frameSeconds {
      return .encode(reason: "the audio ends \(milliseconds(videoSeconds - end)) before the video")
    }
    let bytes = packets[first...last].reduce(0) { $0 + $1.byteCount }
    let seconds = max(end - start, 1e-3)
    return .passThrough(
      range: first...last, offsetSeconds: -start,
      bitsPerSecond: Int((Double(bytes * 8) / seconds).rounded()))
  }

  static func milliseconds(_ seconds: Double) -> String {
    "\(SourceTiming.format(seconds * 1000, decimals: 1)) ms"
  }
}

extension SourceAudio {
  /// Every audio segment needs an AAC frame that starts in it: segments shorter than a frame
  /// are refused while audio is packaged.
  func validate(segmentSeconds: Double) throws {
    guard segmentSeconds < longestFrameSeconds else { return }
    throw PackagingError.invalidOption(
      "--segment-duration",
      "\(SourceTiming.format(segmentSeconds, decimals: 4)) s is shorter than one AAC frame (\(AudioPlan.milliseconds(longestFrameSeconds))): every audio segment needs one (--no-audio packages the video alone)"
    )
  }

  /// The streams the package leaves out: `counts` (every stream but the video) less the audio
  /// stream packaged.
  static func streamsLeftOut(_ counts: [String: Int], audioPackaged: Bool) -> [String: Int] {
    var left = counts
    if audioPackaged, let audio = left["audio"] { left["audio"] = audio > 1 ? audio - 1 : nil }
    return left
  }
}
