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

  /// styp (major brand cmfs / msdh, compatible brands as CMAF requires): starts each continuation segment.
  public static func segmentType() -> [UInt8] {
    var writer = ByteWriter(capacity: 24)
    FileTypeBox.writeSegmentType(&writer)
    return writer.bytes
  }

  /// moof (mfhd sequenceNumber, traf: tfhd default-base-is-moof, tfdt v1 = sample.decodeTimeTicks,
  /// trun with data offset, duration, size, flags (sync / non-sync), composition offset) + mdat.
  public static func chunk(sequenceNumber: UInt32, trackId: UInt32, sample: MP4Sample) -> [UInt8] {
    var writer = ByteWriter(capacity: sample.data.count + 128)
    MovieFragmentBox.write(sequenceNumber: sequenceNumber, trackId: trackId, sample: sample, to: &writer)
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
      presentationTimeDeltaTicks: presentationTimeDeltaTicks, eventDurationTicks: eventDurationTicks,
      id: id, messageData: messageData, to: &writer)
    return writer.bytes
  }
}
