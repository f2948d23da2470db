import Foundation
import HESPCore
import HESPMP4

/// Writes the audio track's files: `content-<s>.m4s` (styp + one moof/mdat per AAC frame, the
/// frames that start in video segment s), then `header.mp4` (its `esds` states the measured
/// rates) and one init packet per AAC frame, `init-<n>.m4s` = header + `initdata` emsg
/// pointing at frame n's chunk (no sample: draft-06 §4.2 discourages one for audio).
final class AudioTrackWriter {
  struct Result: Sendable {
    var headerByteCount: Int
    var codecs: String
    var frames: [FrameIndex.AudioFrame]
    var segments: [FrameIndex.Segment]
    var averageBitsPerSecond: Int
    var peakBitsPerSecond: Int
  }

  let directory: URL
  let timeline: AudioTimeline
  private var frames: [FrameIndex.AudioFrame] = []
  private var segments: [FrameIndex.Segment] = []
  private var segmentBytes: [UInt8] = []
  private var segmentId = -1
  private var segmentFirstFrame = 0
  private var decodeTime = 0
  private var largestSample = 0

  init(directory: URL, timeline: AudioTimeline) {
    self.directory = directory
    self.timeline = timeline
  }

  /// Appends the next AAC frame (raw, as in an mp4), `durationTicks` long.
  func add(_ bytes: [UInt8], durationTicks: Int) throws {
    let id = timeline.segment(ofSample: decodeTime)
    if id != segmentId {
      try closeSegment()
      segmentId = id
      segmentFirstFrame = frames.count
      segmentBytes = CMAFWriter.segmentType()
    }
    let chunk = CMAFWriter.chunk(
      sequenceNumber: UInt32(frames.count + 1), trackId: 1,
      sample: MP4Sample(
        data: bytes, decodeTimeTicks: UInt64(decodeTime), durationTicks: UInt32(durationTicks),
        isSync: true))
    frames.append(
      FrameIndex.AudioFrame(
        chunkByteCount: chunk.count, segmentId: id, byteOffset: segmentBytes.count,
        decodeTimeTicks: decodeTime, durationTicks: durationTicks, initPacketByteCount: 0))
    segmentBytes += chunk
    decodeTime += durationTicks
    largestSample = max(largestSample, bytes.count)
  }

  /// Writes the last segment, the header (with `track`'s codec fields and the measured rates)
  /// and every init packet.
  func finish(_ track: AudioTrackDescription) throws -> Result {
    try closeSegment()
    guard !frames.isEmpty else {
      throw PackagingError.encodingFailed(track: "audio", reason: "no audio frame to package")
    }
    let seconds = Double(timeline.totalSamples) / Double(timeline.sampleRate)
    let contentBytes = segments.reduce(0) { $0 + $1.byteCount }
    let average = Int((Double(contentBytes * 8) / max(seconds, 1e-9)).rounded())
    // Peak over full segments: a shorter last one counts (over its own span) only when it is
    // the only one.
    let full = segments.count > 1 ? segments.dropLast() : segments[...]
    let peak =
      full.map { segment in
        let start = Double(segment.id) * timeline.samplesPerSegment
        let end = min(start + timeline.samplesPerSegment, Double(timeline.totalSamples))
        let seconds = max(end - start, 1) / Double(timeline.sampleRate)
        return Int((Double(segment.byteCount * 8) / seconds).rounded())
      }.max() ?? 0
    var description = track
    description.maxBitsPerSecond = max(peak, average)
    description.averageBitsPerSecond = average
    description.bufferSizeBytes = largestSample
    let header = CMAFWriter.header(description)
    try write(header, to: PackageLayout.header)
    for index in frames.indices {
      let frame = frames[index]
      let message = Array(#"{"index":\#(frame.segmentId),"offset":\#(frame.byteOffset)}"#.utf8)
      // Audio: timescale 1, event duration 0 (draft-06 §6.2.1.1).
      let event = CMAFWriter.eventMessage(
        schemeIdURI: TrackWriter.hespScheme, value: "initdata", timescale: 1,
        presentationTimeDeltaTicks: 0, eventDurationTicks: 0, id: UInt32(index),
        messageData: message)
      let packet = header + event
      frames[index].initPacketByteCount = packet.count
      try write(packet, to: PackageLayout.initPacket(index))
    }
    return Result(
      headerByteCount: header.count, codecs: description.codecString, frames: frames,
      segments: segments, averageBitsPerSecond: average, peakBitsPerSecond: peak)
  }

  private func closeSegment() throws {
    guard segmentId >= 0, !segmentBytes.isEmpty else { return }
    try write(segmentBytes, to: PackageLayout.segment(segmentId))
    segments.append(
      FrameIndex.Segment(
        id: segmentId, firstFrame: segmentFirstFrame, frameCount: frames.count - segmentFirstFrame,
        byteCount: segmentBytes.count))
    segmentBytes = []
  }

  private func write(_ bytes: [UInt8], to name: String) throws {
    let url = directory.appendingPathComponent(name)
    do {
      try Data(bytes).write(to: url)
    } catch {
      throw PackagingError.writingFailed(path: url.path, reason: error.localizedDescription)
    }
  }
}
