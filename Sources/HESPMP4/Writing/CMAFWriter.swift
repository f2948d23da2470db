/// Serializes CMAF boxes. All functions are pure and deterministic.
///
/// A hesp track is written as `header(_:)` once, then per continuation segment
/// `segmentType()` followed by one `chunk(...)` per frame; an initialization packet is the
/// header, an `eventMessage(...)` and one `chunk(...)` with a sync sample.
public enum CMAFWriter {
  /// ftyp + moov (mvhd, trak/tkhd/mdia/mdhd/hdlr/minf/vmhd/dinf/stbl with avc1+avcC and empty
  /// sample tables, mvex/trex): `header.mp4`.
  public static func header(_ track: VideoTrackDescription) -> [UInt8] {
    var writer = ByteWriter(capacity: 1024)
    FileTypeBox.writeHeaderType(&writer)
    MovieBox.write(track, to: &writer)
    return writer.bytes
  }

  /// styp: starts each continuation segment. A segment whose first sample is sync is a CMAF
  /// segment (major `cmfs`, compatible `cmfs`, `msdh`); one that starts inside a GOP is labelled
  /// a DASH media segment only (major `msdh`, compatible `msdh`, `iso6`). 24 bytes either way.
  public static func segmentType(startsWithSyncSample: Bool = true) -> [UInt8] {
    var writer = ByteWriter(capacity: 24)
    FileTypeBox.writeSegmentType(&writer, startsWithSyncSample: startsWithSyncSample)
    return writer.bytes
  }

  /// moof (mfhd sequenceNumber, traf: tfhd default-base-is-moof, tfdt v1 = sample.decodeTimeTicks,
  /// trun with data offset, duration, size, flags (sync / non-sync), composition offset) + mdat.
  public static func chunk(sequenceNumber: UInt32, trackId: UInt32, sample: MP4Sample) -> [UInt8] {
    var writer = ByteWriter(capacity: sample.data.count + 128)
    MovieFragmentBox.write(
      sequenceNumber: sequenceNumber, trackId: trackId, samples: [sample], to: &writer)
    return writer.bytes
  }

  /// moof + mdat of several samples in one `trun` (a CMAF fragment, or a chunk of a sub-GOP as
  /// HESP's Compatibility profile allows); tfdt = the first sample's decode time. Throws when
  /// `samples` is empty or a sample's decode time is not the previous one's plus its duration.
  public static func fragment(sequenceNumber: UInt32, trackId: UInt32, samples: [MP4Sample]) throws
    -> [UInt8]
  {
    guard !samples.isEmpty else {
      throw MP4Error(box: "trun", byteOffset: 0, reason: "a fragment needs at least one sample")
    }
    for (index, (previous, next)) in zip(samples, samples.dropFirst()).enumerated()
    where previous.decodeTimeTicks &+ UInt64(previous.durationTicks) != next.decodeTimeTicks {
      throw MP4Error(
        box: "trun", byteOffset: 0,
        reason:
          "sample \(index + 1) decodes at \(next.decodeTimeTicks), expected \(previous.decodeTimeTicks &+ UInt64(previous.durationTicks))"
      )
    }
    var writer = ByteWriter(capacity: samples.reduce(128) { $0 + $1.data.count + 16 })
    MovieFragmentBox.write(
      sequenceNumber: sequenceNumber, trackId: trackId, samples: samples, to: &writer)
    return writer.bytes
  }

  /// sidx version 1 (ISO/IEC 14496-12 §8.16.3): a byte index of the subsegments (e.g. chunks)
  /// that follow it, `firstOffset` bytes after its end. Throws when there are more than 65535
  /// references or a referenced size does not fit 31 bits.
  public static func segmentIndex(
    referenceId: UInt32, timescale: UInt32, earliestPresentationTimeTicks: UInt64,
    firstOffset: UInt64 = 0,
    references: [SegmentIndex.Reference]
  ) throws -> [UInt8] {
    var writer = ByteWriter(capacity: 32 + 12 * references.count)
    try SegmentIndexBox.write(
      referenceId: referenceId, timescale: timescale,
      earliestPresentationTimeTicks: earliestPresentationTimeTicks,
      firstOffset: firstOffset, references: references, to: &writer)
    return writer.bytes
  }

  /// emsg version 0 (scheme, value, timescale, presentation_time_delta, event_duration, id, message_data).
  public static func eventMessage(
    schemeIdURI: String, value: String, timescale: UInt32,
    presentationTimeDeltaTicks: UInt32, eventDurationTicks: UInt32, id: UInt32, messageData: [UInt8]
  ) -> [UInt8] {
    var writer = ByteWriter(capacity: 64 + messageData.count)
    EventMessageBox.writeVersion0(
      schemeIdURI: schemeIdURI, value: value, timescale: timescale,
      presentationTimeDeltaTicks: presentationTimeDeltaTicks,
      eventDurationTicks: eventDurationTicks,
      id: id, messageData: messageData, to: &writer)
    return writer.bytes
  }
}
